package dev.clarion.escalation;

import dev.clarion.incident.IncidentStore;
import dev.clarion.incident.TimelineEntry;
import java.time.Clock;

/**
 * The notifier until delivery to chat lands: a page becomes a timeline entry naming the
 * recipients (NOTIFIED for the first page of an escalation, ESCALATED for later ones). The
 * delivery work replaces it with one that writes notification outbox rows.
 */
public final class TimelineNotifier implements Notifier {
  private final IncidentStore incidents;
  private final Clock clock;

  public TimelineNotifier(IncidentStore incidents, Clock clock) {
    this.incidents = incidents;
    this.clock = clock;
  }

  @Override
  public void page(Page page) {
    TimelineEntry.Kind kind =
        page.key().isFirst() ? TimelineEntry.Kind.NOTIFIED : TimelineEntry.Kind.ESCALATED;
    incidents.appendTimeline(page.key().incident(), clock.instant(), kind, "escalation", page.reason());
  }
}
