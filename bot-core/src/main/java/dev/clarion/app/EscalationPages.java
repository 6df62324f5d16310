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

  EscalationPages(Notifier timeline, dev.clarion.notification.Notifier outbox) {
    this.timeline = timeline;
    this.outbox = outbox;
  }

  @Override
  public void page(Page page) {
    timeline.page(page);
    outbox.notify(new NotifyRequest(page.key().incident(), page.key().run() + "/" + page.key().step(),
        page.key().round(), page.recipients().stream().<Recipient>map(Recipient.User::new).toList()));
  }
}
