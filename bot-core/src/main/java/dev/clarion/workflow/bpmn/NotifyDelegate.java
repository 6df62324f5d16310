package dev.clarion.workflow.bpmn;

import dev.clarion.escalation.EscalationSteps;
import dev.clarion.escalation.StepKey;
import dev.clarion.escalation.Target;
import dev.clarion.incident.IncidentId;
import dev.clarion.user.UserId;
import java.util.List;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;

/**
 * The {@code notify} service task ({@code camunda:delegateExpression="${notify}"}): maps the task's
 * {@code targets} input, the business key (incident id), the task id and the {@code round}
 * variable to one {@link EscalationSteps#run} call. Nothing else: the step's logic is in Java.
 *
 * <p>It sets the process variable {@value #PAGED} to whether the step paged anyone, so that a
 * gateway after the step can skip its wait when nobody was paged (e.g. a schedule with nobody on
 * call) and go on to the next step at once; see {@link PolicyCompiler}.
 */
final class NotifyDelegate implements JavaDelegate {
  static final String BEAN = "notify";
  static final String PAGED = "paged";

  private final EscalationSteps steps;

  NotifyDelegate(EscalationSteps steps) {
    this.steps = steps;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object targets = execution.getVariable("targets");
    if (!(targets instanceof String text)) {
      throw new IllegalStateException(
          "notify task " + execution.getCurrentActivityId() + " has no 'targets' input");
    }
    IncidentId incident = new IncidentId(Long.parseLong(execution.getProcessBusinessKey()));
    List<UserId> paged = steps.run(
        new StepKey(
            incident,
            execution.getProcessInstanceId(),
            execution.getCurrentActivityId(),
            round(execution)),
        Target.parseList(text));
    // On the process instance, not the task's local scope that its 'targets' input creates.
    execution.getProcessInstance().setVariable(PAGED, !paged.isEmpty());
  }

  static int round(DelegateExecution execution) {
    return execution.getVariable("round") instanceof Number n ? n.intValue() : 1;
  }
}
