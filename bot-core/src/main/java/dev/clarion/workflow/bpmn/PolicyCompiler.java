package dev.clarion.workflow.bpmn;

import dev.clarion.escalation.EscalationPolicy;
import dev.clarion.escalation.EscalationPolicy.Step;
import dev.clarion.escalation.Target;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;
import org.operaton.bpm.model.bpmn.builder.ProcessBuilder;
import org.operaton.bpm.model.bpmn.instance.Process;

/**
 * Compiles a list-shaped {@link EscalationPolicy} to a laid-out BPMN process (the fluent model API
 * writes the diagram coordinates), written in the Camunda 7 namespace so that Camunda Modeler and
 * bpmn-js open it. The shape, left to right:
 *
 * <pre>
 * start → step-1 (notify) → wait-1 (timer) → … → step-N → wait-N
 *       → [another round? yes → next-round (round + 1) → step-1]
 *       → [final (notify everyone)] → end "nobody answered"
 * event sub-processes: message incident-resolved → end; incident-acknowledged → end (if so set)
 * </pre>
 *
 * <p>The only variable is {@code round} (1-based, set at start by the engine adapter); each notify
 * task carries its targets as an input parameter, readable and editable in a modeler.
 */
public final class PolicyCompiler {
  static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  static final String OPERATON_NS = "http://operaton.org/schema/1.0/bpmn";
  static final String HISTORY_TTL = "P30D";
  private static final String XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
  private static final Pattern GENERATED_ID =
      Pattern.compile("([A-Za-z]+)_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private PolicyCompiler() {}

  /** The process definition key a policy runs under. */
  public static String processKey(String policyName) {
    return "escalation-" + policyName;
  }

  public static BpmnModelInstance compile(EscalationPolicy policy) {
    String key = processKey(policy.name());
    ProcessBuilder process =
        Bpmn.createExecutableProcess(key)
            .name("Escalation policy " + policy.name())
            .operatonHistoryTimeToLiveString(HISTORY_TTL);
    AbstractFlowNodeBuilder<?, ?> flow = process.startEvent("start").name("Incident opened");
    List<Step> steps = policy.steps();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      String id = "step-" + (i + 1);
      flow =
          notify(flow, id, "Step " + (i + 1) + ": " + Target.expression(step.targets()), step.targets())
              .intermediateCatchEvent("wait-" + (i + 1))
              .name("Wait " + minutes(step.waitAfter()))
              .timerWithDuration(step.waitAfter().toString());
    }
    if (policy.rounds() > 1) {
      flow =
          flow.exclusiveGateway("another-round")
              .name("Another round? (" + policy.rounds() + " in all)")
              .condition("yes", "${round < " + policy.rounds() + "}")
              .intermediateThrowEvent("next-round")
              .name("Next round")
              .operatonExecutionListenerExpression(
                  "start", "${execution.setVariable(\"round\", round + 1)}")
              .connectTo("step-1")
              .moveToNode("another-round")
              .condition("no", "${round >= " + policy.rounds() + "}");
    }
    if (policy.finalNotification()) {
      flow = notify(flow, "final", "Final: everyone in the policy", policy.everyone());
    }
    BpmnModelInstance model = flow.endEvent("unanswered").name("Escalation exhausted").done();
    Process root = model.getModelElementById(key);
    endOn(root, "resolved", "incident-resolved", "Resolved");
    if (policy.endOn() == EscalationPolicy.EndCondition.ACKNOWLEDGED) {
      endOn(root, "acknowledged", "incident-acknowledged", "Acknowledged");
    }
    Bpmn.validateModel(model);
    return model;
  }

  /**
   * The policy as BPMN XML in the Camunda namespace, byte-for-byte the same for the same policy
   * (so deploying an unchanged policy does not make a new version).
   */
  public static String toXml(EscalationPolicy policy) {
    return stableIds(toCamundaNamespace(Bpmn.convertToString(compile(policy))))
        .replace("<conditionExpression ", "<conditionExpression xsi:type=\"tFormalExpression\" ")
        .replaceFirst("<definitions ", "<definitions xmlns:xsi=\"" + XSI_NS + "\" ");
  }

  /** The model API names generated elements with random UUIDs; number them instead. */
  static String stableIds(String xml) {
    Map<String, String> renamed = new HashMap<>();
    Matcher m = GENERATED_ID.matcher(xml);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String id =
          renamed.computeIfAbsent(m.group(), g -> m.group(1) + "_" + (renamed.size() + 1));
      m.appendReplacement(out, id);
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * Operaton's model API writes its own extension namespace; the engine reads both, Camunda
   * Modeler only the Camunda one, so files are written in that.
   */
  static String toCamundaNamespace(String xml) {
    return xml.replace(OPERATON_NS, CAMUNDA_NS)
        .replace("xmlns:operaton=", "xmlns:camunda=")
        .replace("<operaton:", "<camunda:")
        .replace("</operaton:", "</camunda:")
        .replace(" operaton:", " camunda:");
  }

  private static AbstractFlowNodeBuilder<?, ?> notify(
      AbstractFlowNodeBuilder<?, ?> flow, String id, String name, List<Target> targets) {
    return flow.serviceTask(id)
        .name(name)
        .operatonDelegateExpression("${notify}")
        .operatonInputParameter("targets", Target.expression(targets));
  }

  private static void endOn(Process root, String id, String message, String name) {
    root.builder()
        .eventSubProcess("on-" + id)
        .name("On " + id)
        .startEvent(id + "-received")
        .name(name)
        .message(message)
        .interrupting(true)
        .endEvent(id + "-end")
        .name("Escalation stopped");
  }

  private static String minutes(Duration d) {
    long m = d.toMinutes();
    return m + (m == 1 ? " minute" : " minutes");
  }
}
