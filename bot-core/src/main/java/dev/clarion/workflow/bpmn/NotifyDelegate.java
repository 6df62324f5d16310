package dev.clarion.workflow.bpmn;

import dev.clarion.escalation.EscalationSteps;
import dev.clarion.escalation.StepKey;
import dev.clarion.escalation.Target;
import dev.clarion.incident.IncidentId;
import dev.clarion.user.UserId;
import java.util.List;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.model.bpmn.instance.FlowNode;

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
  /** Who the last notify step paged (comma-separated user ids), for a later {@code assign} task. */
  static final String LAST_PAGED = "lastPaged";

  private final EscalationSteps steps;
  private final BpmnEscalationOutlook outlook;

  NotifyDelegate(EscalationSteps steps) {
    this(steps, new BpmnEscalationOutlook(java.util.Optional::empty, steps));
  }

  NotifyDelegate(EscalationSteps steps, BpmnEscalationOutlook outlook) {
    this.steps = steps;
    this.outlook = outlook;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object targets = execution.getVariable("targets");
    if (!(targets instanceof String text)) {
      throw new IllegalStateException(
          "notify task " + execution.getCurrentActivityId() + " has no 'targets' input");
    }
    IncidentId incident = new IncidentId(Long.parseLong(execution.getProcessBusinessKey()));
    StepKey key = new StepKey(
        incident,
        execution.getProcessInstanceId(),
        execution.getCurrentActivityId(),
        round(execution));
    List<Target> stepTargets = Target.parseList(text);
    // The pages this step writes show the step after it: predicted from here, as if someone was
    // paged (a page with no recipients has no message to show it in).
    List<UserId> paged = BpmnEscalationOutlook.whileStepRuns(incident, () -> {
      execution.getProcessInstance().setVariable(PAGED, true);
      return outlook.afterRunningStep(Context.getProcessEngineConfiguration(),
          new BpmnEscalationOutlook.ExecutionEntityLike(
              (FlowNode) execution.getBpmnModelElementInstance(), execution, round(execution)));
    }, () -> steps.run(key, stepTargets));
    // On the process instance, not the task's local scope that its 'targets' input creates; only
    // when it changes (each write is an update statement in the step's engine transaction).
    var instance = execution.getProcessInstance();
    if (!Boolean.valueOf(!paged.isEmpty()).equals(instance.getVariable(PAGED))) {
      instance.setVariable(PAGED, !paged.isEmpty());
    }
    if (!paged.isEmpty() && hasAssignTask(execution)) {
      instance.setVariable(LAST_PAGED, String.join(",", paged.stream().map(UserId::value).toList()));
    }
  }

  /** Whether the policy has an {@code assign} task, the only reader of {@value #LAST_PAGED}. */
  private static boolean hasAssignTask(DelegateExecution execution) {
    return execution.getBpmnModelInstance()
        .getModelElementsByType(org.operaton.bpm.model.bpmn.instance.ServiceTask.class).stream()
        .anyMatch(t -> PolicyValidator.taskType(t).filter(AssignDelegate.BEAN::equals).isPresent());
  }

  static int round(DelegateExecution execution) {
    return execution.getVariable("round") instanceof Number n ? n.intValue() : 1;
  }
}
