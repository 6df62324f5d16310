package dev.clarion.app;

import dev.clarion.audit.Actor;
import dev.clarion.escalation.Assignments;
import dev.clarion.incident.Incident;
import dev.clarion.incident.IncidentId;
import dev.clarion.incident.IncidentService;
import dev.clarion.user.UserId;
import java.util.List;
import java.util.Set;

/**
 * The {@code assign} task's way to assign: through the incident service (timeline, audit,
 * listeners), as "escalation". Assigning the current assignees again, as a re-run task would, or
 * assigning a resolved incident, changes nothing.
 */
final class EscalationAssignments implements Assignments {
  private final IncidentService incidents;

  EscalationAssignments(IncidentService incidents) {
    this.incidents = incidents;
  }

  @Override
  public void assign(IncidentId id, List<UserId> assignees) {
    Incident current = incidents.get(id);
    if (!current.status().isOpen() || Set.copyOf(current.assignees()).equals(Set.copyOf(assignees))) {
      return;
    }
    incidents.assign(id, assignees, Actor.system("escalation"));
  }
}
