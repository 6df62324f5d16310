package dev.clarion.notification;

import dev.clarion.api.Capability;
import dev.clarion.incident.Incident;
import dev.clarion.incident.IncidentId;
import dev.clarion.incident.IncidentStore;
import dev.clarion.incident.TimelineEntry;
import dev.clarion.incident.TimelineListener;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Turns each new timeline entry into a reply in the thread of every message already paged about
 * the incident, on channels that declare {@link Capability#THREADS}: one {@link Lane#THREAD} row
 * per such destination, queued in the entry's transaction. Rows of one message are delivered in
 * order after the page itself, and never coalesced. {@link TimelineEntry.Kind#NOTIFIED} entries
 * are skipped: delivering a thread reply writes one, and must not cause another reply.
 */
public final class ThreadNotifications implements TimelineListener {
  private final NotificationStore store;
  private final IncidentStore incidents;
  private final ChannelRegistry channels;
  private final MessageFields fields;

  public ThreadNotifications(NotificationStore store, IncidentStore incidents,
      ChannelRegistry channels, MessageFields fields) {
    this.store = store;
    this.incidents = incidents;
    this.channels = channels;
    this.fields = fields;
  }

  @Override
  public void appended(IncidentId id, Instant at, TimelineEntry.Kind kind, String actor,
      String message) {
    if (kind == TimelineEntry.Kind.NOTIFIED || kind == TimelineEntry.Kind.TRIGGERED) {
      // TRIGGERED opens the timeline, before any message exists: spare the ingest path a query.
      return;
    }
    if (channels.all().stream().noneMatch(p -> p.capabilities().contains(Capability.THREADS))) {
      return; // no loaded channel has threads: every repeat alert would pay a query for nothing
    }
    Incident incident = null;
    for (Notification page : store.firstPages(id)) {
      boolean threads = channels.channel(page.channel())
          .map(p -> p.capabilities().contains(Capability.THREADS))
          .orElse(false);
      if (!threads) {
        continue;
      }
      if (incident == null) {
        incident = incidents.find(id).orElseThrow();
      }
      Map<String, String> values =
          new LinkedHashMap<>(fields.of(incident, at, page.zone(), page.locale()));
      values.put("TIMELINE_KIND", kind.label());
      values.put("TIMELINE_ACTOR", actor);
      values.put("TIMELINE_TEXT", message);
      values.put("TIMELINE_AT", MessageFields.format(at, page.zone(), page.locale()));
      // One row per entry and destination; the entry has no id yet, and the enqueue is never
      // repeated for the same entry (a rolled-back transaction takes the row with it).
      String key = NotificationEvent.TIMELINE.label() + ":" + id.value() + ":" + page.channel()
          + ":" + UUID.randomUUID();
      store.enqueue(new NewNotification(key, id, page.channel(), page.destination(),
          NotificationEvent.TIMELINE.label(), Lane.THREAD, page.locale(), page.zone(), values), at);
    }
  }
}
