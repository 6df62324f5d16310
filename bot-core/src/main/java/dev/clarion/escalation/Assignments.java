package dev.clarion.escalation;

import dev.clarion.incident.IncidentId;
import dev.clarion.user.UserId;
import java.util.List;

/**
 * How an escalation's {@code assign} task makes people the incident's assignees. Must be
 * idempotent (the engine may run a task twice): assigning the current assignees again changes
 * nothing.
 */
public interface Assignments {
  void assign(IncidentId incident, List<UserId> assignees);

  /** For tools that run no escalation: assigning fails loudly. */
  Assignments NONE = (incident, assignees) -> {
    throw new IllegalStateException("this node does not assign incidents");
  };
}
