package dev.clarion.app;

import dev.clarion.escalation.Notifier;
import dev.clarion.escalation.Page;
import dev.clarion.notification.NotifyRequest;
import dev.clarion.notification.Recipient;

/**
 * Connects the escalation engine's pages to notification delivery: each page is noted on the
 * incident's timeline (who was paged, and why) and queued for every chat identity of every
 * recipient. Both writes join the step's transaction; the outbox key (incident, run and step,
 * round, destination) keeps an engine re-run from paging anyone twice.
 */
final class EscalationPages implements Notifier {
  private final Notifier timeline;
  private final dev.clarion.notification.Notifier outbox;
  private final java.util.function.BiConsumer<dev.clarion.incident.IncidentId, java.time.Instant> stepRan;
  private final java.time.Clock clock;

  EscalationPages(Notifier timeline, dev.clarion.notification.Notifier outbox) {
    this(timeline, outbox, (incident, at) -> {}, java.time.Clock.systemUTC());
  }

  /**
   * @param stepRan edits the messages already paged about the incident so they show the new next
   *     step; called before this step's own pages are queued, so those are not edited too
   */
  EscalationPages(Notifier timeline, dev.clarion.notification.Notifier outbox,
      java.util.function.BiConsumer<dev.clarion.incident.IncidentId, java.time.Instant> stepRan,
      java.time.Clock clock) {
    this.timeline = timeline;
    this.outbox = outbox;
    this.stepRan = stepRan;
    this.clock = clock;
  }

  @Override
  public void page(Page page) {
    timeline.page(page);
    if (!page.key().isFirst()) {
      stepRan.accept(page.key().incident(), clock.instant());
    }
    outbox.notify(new NotifyRequest(page.key().incident(), page.key().run() + "/" + page.key().step(),
        page.key().round(), page.recipients().stream().<Recipient>map(Recipient.User::new).toList()));
  }
}
