package dev.clarion.workflow.bpmn;

import dev.clarion.escalation.Target;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.ConditionExpression;
import org.operaton.bpm.model.bpmn.instance.EndEvent;
import org.operaton.bpm.model.bpmn.instance.ExclusiveGateway;
import org.operaton.bpm.model.bpmn.instance.FlowNode;
import org.operaton.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.operaton.bpm.model.bpmn.instance.SequenceFlow;
import org.operaton.bpm.model.bpmn.instance.ServiceTask;
import org.operaton.bpm.model.bpmn.instance.TimerEventDefinition;
import org.operaton.bpm.model.bpmn.instance.operaton.OperatonExecutionListener;

/**
 * Follows a policy's BPMN forward from a node to what comes next: the next wait (timer) and the
 * notify tasks after it. Exclusive gateways take the first flow whose condition holds (conditions
 * are evaluated by the caller, e.g. with the engine's expression language on the waiting
 * execution); a flow taken only when a step paged nobody is not followed (the step before it
 * paged someone, or it would not be waiting). Other nodes (parallel gateways, assign tasks,
 * throw events) lead along all their flows.
 */
final class StepWalker {
  /** What a walk reached: notify tasks (with the round they run in) or timers. */
  record Reached(List<ServiceTask> steps, List<IntermediateCatchEvent> timers, int roundsAdded) {}

  private final Function<String, Optional<Boolean>> conditions;

  /** @param conditions evaluates a condition expression; empty when it cannot be evaluated */
  StepWalker(Function<String, Optional<Boolean>> conditions) {
    this.conditions = conditions;
  }

  /** The first notify tasks and timers reachable from {@code from}'s outgoing flows. */
  Reached from(FlowNode from) {
    List<ServiceTask> steps = new ArrayList<>();
    List<IntermediateCatchEvent> timers = new ArrayList<>();
    int rounds = 0;
    Deque<FlowNode> todo = new ArrayDeque<>(next(from));
    Set<FlowNode> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      FlowNode node = todo.pop();
      if (!seen.add(node) || node instanceof EndEvent) {
        continue;
      }
      if (node instanceof ServiceTask task
          && PolicyValidator.taskType(task).filter(NotifyDelegate.BEAN::equals).isPresent()) {
        steps.add(task);
        continue;
      }
      if (isTimer(node)) {
        timers.add((IntermediateCatchEvent) node);
        continue;
      }
      if (addsRound(node)) {
        rounds = 1;
      }
      todo.addAll(next(node));
    }
    return new Reached(steps, timers, rounds);
  }

  private List<FlowNode> next(FlowNode node) {
    List<SequenceFlow> flows = node.getOutgoing().stream()
        .filter(f -> !isNobodyPaged(f))
        .toList();
    if (!(node instanceof ExclusiveGateway gateway)) {
      return flows.stream()
          .filter(f -> f.getConditionExpression() == null
              || conditions.apply(text(f.getConditionExpression())).orElse(true))
          .map(SequenceFlow::getTarget)
          .toList();
    }
    for (SequenceFlow flow : flows) {
      if (flow.getConditionExpression() != null && flow != gateway.getDefault()
          && conditions.apply(text(flow.getConditionExpression())).orElse(false)) {
        return List.of(flow.getTarget());
      }
    }
    if (gateway.getDefault() != null) {
      return List.of(gateway.getDefault().getTarget());
    }
    // Nothing could be evaluated: the unconditional flows, if any.
    return flows.stream().filter(f -> f.getConditionExpression() == null)
        .map(SequenceFlow::getTarget).toList();
  }

  static boolean isTimer(FlowNode node) {
    return node instanceof IntermediateCatchEvent e
        && e.getEventDefinitions().stream().anyMatch(d -> d instanceof TimerEventDefinition);
  }

  /** The literal ISO-8601 duration of a timer, if it has one. */
  static Optional<Duration> duration(IntermediateCatchEvent timer) {
    for (var d : timer.getEventDefinitions()) {
      if (d instanceof TimerEventDefinition t && t.getTimeDuration() != null) {
        try {
          return Optional.of(Duration.parse(t.getTimeDuration().getTextContent().strip()));
        } catch (RuntimeException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** The notify task's number: N for {@code step-N}, else its position among notify tasks. */
  static int number(BpmnModelInstance model, ServiceTask task) {
    if (task.getId().matches("step-\\d+")) {
      return Integer.parseInt(task.getId().substring(5));
    }
    int i = 0;
    for (ServiceTask t : model.getModelElementsByType(ServiceTask.class)) {
      if (PolicyValidator.taskType(t).filter(NotifyDelegate.BEAN::equals).isPresent()) {
        i++;
        if (t == task) {
          return i;
        }
      }
    }
    return i;
  }

  static List<Target> targets(List<ServiceTask> tasks) {
    List<Target> all = new ArrayList<>();
    for (ServiceTask task : tasks) {
      PolicyValidator.input(task, "targets").map(Target::parseList).ifPresent(ts -> ts.stream()
          .filter(t -> !all.contains(t)).forEach(all::add));
    }
    return all;
  }

  private static boolean addsRound(FlowNode node) {
    if (node.getExtensionElements() == null) {
      return false;
    }
    return node.getExtensionElements().getElementsQuery()
        .filterByType(OperatonExecutionListener.class).list().stream()
        .anyMatch(l -> l.getOperatonExpression() != null
            && l.getOperatonExpression().replaceAll("\\s", "").contains("\"round\",round+1"));
  }

  private static boolean isNobodyPaged(SequenceFlow flow) {
    ConditionExpression c = flow.getConditionExpression();
    return c != null && text(c).replaceAll("\\s", "").equals(PolicyCompiler.NOBODY_PAGED);
  }

  private static String text(ConditionExpression c) {
    return c.getTextContent() == null ? "" : c.getTextContent().strip();
  }
}
