package dev.clarion.workflow.bpmn;

import dev.clarion.escalation.Assignments;
import dev.clarion.escalation.EscalationSteps;
import dev.clarion.escalation.NextEscalation;
import dev.clarion.escalation.Target;
import dev.clarion.incident.IncidentId;
import dev.clarion.user.UserId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;

/**
 * The {@code assign} service task ({@code camunda:delegateExpression="${assign}"}): makes people
 * the incident's assignees. With a {@code targets} input (same syntax as notify: user:kim,
 * schedule:db-primary, team:sre) it assigns whoever those are now (a schedule: who is on call);
 * without one, it assigns whoever the last notify step paged. Assigning nobody changes nothing.
 */
final class AssignDelegate implements JavaDelegate {
  static final String BEAN = "assign";

  private final EscalationSteps steps;
  private final Assignments assignments;

  AssignDelegate(EscalationSteps steps, Assignments assignments) {
    this.steps = steps;
    this.assignments = assignments;
  }

  @Override
  public void execute(DelegateExecution execution) {
    IncidentId incident = new IncidentId(Long.parseLong(execution.getProcessBusinessKey()));
    Set<UserId> who = new LinkedHashSet<>();
    if (execution.getVariable("targets") instanceof String text && !text.isBlank()) {
      List<Target> targets = Target.parseList(text);
      for (NextEscalation.NextTarget t : steps.preview(targets, steps.clock().instant())) {
        t.people().forEach(p -> who.add(p.id()));
      }
    } else if (execution.getVariable(NotifyDelegate.LAST_PAGED) instanceof String last) {
      for (String id : last.split(",")) {
        if (!id.isBlank()) {
          who.add(new UserId(id.strip()));
        }
      }
    }
    if (!who.isEmpty()) {
      assignments.assign(incident, new ArrayList<>(who));
    }
  }
}
