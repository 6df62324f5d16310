package dev.clarion.escalation;

import dev.clarion.store.Transactions;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves commands from the outbox to the {@link Escalations} engine. Each command is marked applied
 * only after the engine accepted it, so a crash in between re-delivers it (at least once).
 */
public final class WorkflowCommandRelay {
  private static final Logger log = LoggerFactory.getLogger(WorkflowCommandRelay.class);
  private final WorkflowCommandStore outbox;
  private final Escalations escalations;
  private final Transactions transactions;
  private final Clock clock;

  public WorkflowCommandRelay(
      WorkflowCommandStore outbox, Escalations escalations, Transactions transactions, Clock clock) {
    this.outbox = outbox;
    this.escalations = escalations;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Applies up to {@code max} pending commands; returns how many it handled. */
  public int relayOnce(int max) {
    if (!escalations.isReady()) {
      return 0;
    }
    List<WorkflowCommand> batch = outbox.pending(max);
    for (WorkflowCommand command : batch) {
      try {
        escalations.apply(command);
        transactions.inTransaction(
            () -> {
              outbox.markApplied(command.id(), clock.instant());
              return null;
            });
      } catch (RuntimeException e) {
        log.warn("workflow command {} ({}) for incident {} failed: {}",
            command.id(), command.kind().label(), command.incident(), e.toString());
        transactions.inTransaction(
            () -> {
              outbox.markFailed(command.id(), e.toString());
              return null;
            });
      }
    }
    return batch.size();
  }
}
