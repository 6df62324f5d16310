package dev.clarion.escalation;

import dev.clarion.incident.IncidentId;
import java.time.Instant;
import java.util.List;

/** The workflow-command outbox. {@link #append} joins the caller's transaction. */
public interface WorkflowCommandStore {
  void append(IncidentId incident, WorkflowCommand.Kind kind, Instant at);

  /** Oldest first, not yet applied. */
  List<WorkflowCommand> pending(int limit);

  void markApplied(long commandId, Instant at);

  void markFailed(long commandId, String error);
}
