package dev.clarion.notification;

import dev.clarion.incident.Incident;
import dev.clarion.incident.IncidentListener;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns incident changes into notifications: for the destinations subscribed to them (webhooks),
 * and as edits of messages already paged on channels that can edit.
 * Called by {@code IncidentService} inside the transaction of the change, so the outbox row commits
 * with it or not at all. Until the escalation engine pages people through {@link Notifier}, a new
 * non-suppressed incident counts as the "escalation" event for subscriptions.
 */
public final class SubscriptionNotifications implements IncidentListener {
  private final List<Subscription> subscriptions;
  private final OutboxNotifier outbox;

  public SubscriptionNotifications(List<Subscription> subscriptions, OutboxNotifier outbox) {
    this.subscriptions = List.copyOf(subscriptions);
    this.outbox = outbox;
  }

  @Override
  public void changed(Incident incident, Change change, Instant at) {
    if (incident.suppressed()) {
      return;
    }
    Optional<NotificationEvent> event = switch (change) {
      case OPENED -> Optional.of(NotificationEvent.ESCALATION);
      case ACKNOWLEDGED -> Optional.of(NotificationEvent.ACKNOWLEDGED);
      case RESOLVED -> Optional.of(NotificationEvent.RESOLVED);
      case REASSIGNED -> Optional.of(NotificationEvent.ASSIGNEE_CHANGE);
    };
    if (event.isEmpty()) {
      return;
    }
    if (event.get().lane() == Lane.UPDATE) {
      outbox.updatePagedMessages(incident, event.get(), at);
    }
    for (Subscription s : subscriptions) {
      if (s.covers(incident.service(), event.get())) {
        outbox.enqueue(incident, event.get(), s.channel(), s.destination(), s.locale(), s.zone(),
            OutboxNotifier.changeKey(incident.id(), event.get(), s, at), at);
      }
    }
  }
}
