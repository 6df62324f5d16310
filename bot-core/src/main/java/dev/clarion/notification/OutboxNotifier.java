package dev.clarion.notification;

import dev.clarion.incident.Incident;
import dev.clarion.incident.IncidentId;
import dev.clarion.incident.IncidentStore;
import dev.clarion.incident.TimelineEntry;
import dev.clarion.store.Transactions;
import dev.clarion.user.User;
import dev.clarion.user.UserDirectory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link Notifier} that writes to the outbox: it resolves recipients to channel destinations
 * (a person's chat identities on loaded channels), snapshots the message fields, and stores one row
 * per destination under an idempotency key.
 */
public final class OutboxNotifier implements Notifier {
  private final NotificationStore store;
  private final IncidentStore incidents;
  private final UserDirectory users;
  private final ChannelRegistry channels;
  private final MessageFields fields;
  private final Transactions transactions;
  private final Clock clock;

  public OutboxNotifier(NotificationStore store, IncidentStore incidents, UserDirectory users,
      ChannelRegistry channels, MessageFields fields, Transactions transactions, Clock clock) {
    this.store = store;
    this.incidents = incidents;
    this.users = users;
    this.channels = channels;
    this.fields = fields;
    this.transactions = transactions;
    this.clock = clock;
  }

  @Override
  public int notify(NotifyRequest request) {
    return transactions.inTransaction(() -> {
      Instant now = clock.instant();
      Incident incident = incidents.find(request.incident()).orElseThrow(
          () -> new IllegalArgumentException("incident " + request.incident() + " does not exist"));
      int queued = 0;
      for (Recipient recipient : request.recipients()) {
        if (recipient instanceof Recipient.Destination d) {
          queued += enqueue(incident, NotificationEvent.ESCALATION, d.channel(), d.address(),
              Locale.ENGLISH, ZoneId.of("UTC"), request.key(d.channel(), d.address()), now) ? 1 : 0;
        } else if (recipient instanceof Recipient.User u) {
          User user = users.find(u.id()).orElse(null);
          int reachable = 0;
          if (user != null) {
            for (Map.Entry<String, String> chat : user.chatIdentities().entrySet()) {
              if (channels.channel(chat.getKey()).isEmpty()) {
                continue;
              }
              reachable++;
              queued += enqueue(incident, NotificationEvent.ESCALATION, chat.getKey(),
                  chat.getValue(), user.locale(), user.timeZone(),
                  request.key(chat.getKey(), chat.getValue()), now) ? 1 : 0;
            }
          }
          if (reachable == 0) {
            incidents.appendTimeline(incident.id(), now, TimelineEntry.Kind.NOTIFIED, "clarion",
                "cannot notify " + u.id().value() + ": no chat identity on a loaded channel");
          }
        }
      }
      return queued;
    });
  }

  /** Queues one message in the caller's transaction; false when {@code key} was queued before. */
  boolean enqueue(Incident incident, NotificationEvent event, String channel, String destination,
      Locale locale, ZoneId zone, String key, Instant now) {
    return store.enqueue(new NewNotification(key, incident.id(), channel, destination,
        event.label(), event.lane(), locale, zone, fields.of(incident, now, zone, locale)), now);
  }

  /**
   * Queues an update of every message already paged about {@code incident} on a channel that can
   * edit messages, so the original message shows the new state instead of a new message arriving.
   */
  void updatePagedMessages(Incident incident, NotificationEvent event, Instant at) {
    updatePagedMessages(incident, event, at, false);
  }

  /** @param deliveredOnly only messages already on the platform (an edit needs their ref) */
  private void updatePagedMessages(
      Incident incident, NotificationEvent event, Instant at, boolean deliveredOnly) {
    for (Notification page : store.firstPages(incident.id())) {
      if (deliveredOnly && page.messageRef().isEmpty()) {
        continue;
      }
      boolean edits = channels.channel(page.channel())
          .map(p -> p.capabilities().contains(dev.clarion.api.Capability.EDIT_MESSAGE))
          .orElse(false);
      if (edits) {
        enqueue(incident, event, page.channel(), page.destination(), page.locale(), page.zone(),
            event.label() + ":" + incident.id().value() + ":" + page.channel() + ":"
                + page.destination() + ":" + at,
            at);
      }
    }
  }

  /**
   * An escalation step ran for {@code incident}: queues an edit of every message already paged
   * about it and delivered, so each shows the new next step (a page still queued goes out with
   * its own fields; editing it before it exists would post it twice). Joins the caller's
   * transaction (the step's); the UPDATE lane coalesces edits of one message that pile up.
   */
  public void escalationStepRan(IncidentId incident, Instant at) {
    incidents.find(incident).filter(i -> !i.suppressed())
        .ifPresent(i -> updatePagedMessages(i, NotificationEvent.ESCALATED, at, true));
  }

  static String changeKey(IncidentId incident, NotificationEvent event, Subscription s, Instant at) {
    return event.label() + ":" + incident.value() + ":" + s.channel() + ":" + s.destination() + ":"
        + at;
  }
}
