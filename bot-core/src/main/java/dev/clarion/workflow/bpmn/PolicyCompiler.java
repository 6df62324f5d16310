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
import org.operaton.bpm.model.bpmn.instance.ExclusiveGateway;
import org.operaton.bpm.model.bpmn.instance.FlowNode;
import org.operaton.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.operaton.bpm.model.bpmn.instance.Process;
import org.operaton.bpm.model.bpmn.instance.SequenceFlow;
import org.operaton.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.operaton.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.operaton.bpm.model.bpmn.instance.dc.Bounds;
import org.operaton.bpm.model.bpmn.instance.di.Waypoint;

/**
 * Compiles a list-shaped {@link EscalationPolicy} to a laid-out BPMN process (the fluent model API
 * writes the diagram coordinates), written in the Camunda 7 namespace so that Camunda Modeler and
 * bpmn-js open it. The shape, left to right:
 *
 * <pre>
 * start → step-1 (notify) → paged-1 (anyone paged?) → wait-1 (timer) → … → step-N → … wait-N
 *       → [another round? yes → next-round (round + 1) → step-1]
 *       → [final (notify everyone)] → end "nobody answered"
 * event sub-processes: message incident-resolved → end; incident-acknowledged → end (if so set)
 * </pre>
 *
 * <p>Each {@code paged-i} gateway goes on to the next step (or round, or end) at once when step i
 * paged nobody (every target resolved to nobody, e.g. a schedule with nobody on call): a
 * second flow, {@value #NOBODY_PAGED}, around {@code wait-i}.
 *
 * <p>The variables are {@code round} (1-based, set at start by the engine adapter) and
 * {@code paged} (set by each notify task); each notify task carries its targets as an input
 * parameter, readable and editable in a modeler.
 */
public final class PolicyCompiler {
  static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  static final String OPERATON_NS = "http://operaton.org/schema/1.0/bpmn";
  static final String HISTORY_TTL = "P30D";
  /** The condition of a gateway's flow that skips a step's wait when the step paged nobody. */
  static final String NOBODY_PAGED = "${!" + NotifyDelegate.PAGED + "}";
  static final String SOMEONE_PAGED = "${" + NotifyDelegate.PAGED + "}";
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
              .exclusiveGateway("paged-" + (i + 1))
              .name("Anyone paged?")
              .condition("yes", SOMEONE_PAGED)
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
    for (int i = 1; i <= steps.size(); i++) {
      skipWaitWhenNobodyPaged(model, i);
    }
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

  /** Adds the flow from gateway paged-i straight to what follows wait-i, drawn below wait-i. */
  private static void skipWaitWhenNobodyPaged(BpmnModelInstance model, int i) {
    IntermediateCatchEvent wait = model.getModelElementById("wait-" + i);
    FlowNode next = wait.getOutgoing().iterator().next().getTarget();
    ExclusiveGateway gateway = model.getModelElementById("paged-" + i);
    gateway.builder().condition("nobody", NOBODY_PAGED).connectTo(next.getId());
    SequenceFlow skip =
        gateway.getOutgoing().stream().filter(f -> f.getTarget() == next).findFirst().orElseThrow();
    Bounds from = shape(model, gateway.getId());
    Bounds to = shape(model, next.getId());
    Bounds over = shape(model, wait.getId());
    double below = Math.max(from.getY() + from.getHeight(), over.getY() + over.getHeight()) + 30;
    BpmnEdge edge = skip.getDiagramElement();
    List.copyOf(edge.getWaypoints()).forEach(edge::removeChildElement);
    double x1 = from.getX() + from.getWidth() / 2;
    double x2 = to.getX() + to.getWidth() / 2;
    addWaypoint(model, edge, x1, from.getY() + from.getHeight());
    addWaypoint(model, edge, x1, below);
    addWaypoint(model, edge, x2, below);
    addWaypoint(model, edge, x2, to.getY() + to.getHeight());
  }

  private static Bounds shape(BpmnModelInstance model, String id) {
    FlowNode node = model.getModelElementById(id);
    return ((BpmnShape) node.getDiagramElement()).getBounds();
  }

  private static void addWaypoint(BpmnModelInstance model, BpmnEdge edge, double x, double y) {
    Waypoint w = model.newInstance(Waypoint.class);
    w.setX(x);
    w.setY(y);
    edge.addChildElement(w);
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
