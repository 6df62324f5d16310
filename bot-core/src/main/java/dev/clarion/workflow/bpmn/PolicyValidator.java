package dev.clarion.workflow.bpmn;

import dev.clarion.escalation.Target;
import dev.clarion.schedule.ScheduleId;
import dev.clarion.team.TeamDirectory;
import dev.clarion.user.UserDirectory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.ConditionExpression;
import org.operaton.bpm.model.bpmn.instance.EndEvent;
import org.operaton.bpm.model.bpmn.instance.FlowNode;
import org.operaton.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.operaton.bpm.model.bpmn.instance.Process;
import org.operaton.bpm.model.bpmn.instance.SequenceFlow;
import org.operaton.bpm.model.bpmn.instance.ServiceTask;
import org.operaton.bpm.model.bpmn.instance.StartEvent;
import org.operaton.bpm.model.bpmn.instance.TimerEventDefinition;
import org.operaton.bpm.model.bpmn.instance.operaton.OperatonInputOutput;
import org.operaton.bpm.model.bpmn.instance.operaton.OperatonInputParameter;

/**
 * Checks an escalation BPMN before anything is deployed: the process key matches the policy name,
 * every service task is a known type, every notify task names targets that exist, every step is
 * followed by a wait before the next step (a flow conditioned on {@value PolicyCompiler#NOBODY_PAGED},
 * taken only when the step paged nobody, may skip it), and an end is reachable. Problems come back as
 * sentences naming the file and the element id, as a person would look them up in a modeler.
 */
final class PolicyValidator {
  private static final Pattern BEAN = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");

  private final Set<String> taskTypes;
  private final UserDirectory users;
  private final TeamDirectory teams;
  private final Set<ScheduleId> schedules;
  private final Set<String> calendars;

  PolicyValidator(
      Set<String> taskTypes, UserDirectory users, TeamDirectory teams, Set<ScheduleId> schedules,
      Set<String> calendars) {
    this.taskTypes = Set.copyOf(taskTypes);
    this.users = users;
    this.teams = teams;
    this.schedules = Set.copyOf(schedules);
    this.calendars = Set.copyOf(calendars);
  }

  /** A method call on a bean in an expression: {@code businessHours.isOpen('kr-office')}. */
  private static final Pattern CALL = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*\\.\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\(");
  private static final Pattern IS_OPEN = Pattern.compile(
      BusinessHours.BEAN + "\\s*\\.\\s*isOpen\\s*\\(\\s*(?:'([^']*)'|\"([^\"]*)\"|([^)]*))\\s*\\)");
  /** What expressions may call methods on: Clarion's helper and the engine's execution. */
  private static final Set<String> EXPRESSION_BEANS = Set.of(BusinessHours.BEAN, "execution");

  /** Checks bean calls in a condition or listener expression; {@code where} names the element. */
  private void checkExpression(String origin, String where, String text, List<String> problems) {
    Matcher call = CALL.matcher(text);
    while (call.find()) {
      String bean = call.group(1);
      if (!EXPRESSION_BEANS.contains(bean)) {
        problems.add(origin + ": " + where + " calls unknown bean '" + bean + "' in " + text.strip()
            + " (known: " + String.join(", ", EXPRESSION_BEANS.stream().sorted().toList()) + ")");
      } else if (bean.equals(BusinessHours.BEAN) && !call.group(2).equals("isOpen")) {
        problems.add(origin + ": " + where + ": businessHours has no method '" + call.group(2)
            + "' (use ${businessHours.isOpen('calendar')})");
      }
    }
    Matcher open = IS_OPEN.matcher(text);
    while (open.find()) {
      String name = open.group(1) != null ? open.group(1)
          : open.group(2) != null ? open.group(2) : null;
      if (name == null) {
        problems.add(origin + ": " + where + ": businessHours.isOpen needs a calendar name in"
            + " quotes, e.g. ${businessHours.isOpen('office')}");
      } else {
        checkCalendar(origin, where, name, problems);
      }
    }
  }

  private void checkCalendar(String origin, String where, String name, List<String> problems) {
    if (!calendars.contains(name)) {
      problems.add(origin + ": " + where + ": unknown calendar '" + name + "' ("
          + (calendars.isEmpty() ? "no calendars: are configured in clarion.yml"
              : "known: " + String.join(", ", calendars.stream().sorted().toList())) + ")");
    }
  }

  List<String> validate(String origin, String policyName, BpmnModelInstance model) {
    List<String> problems = new ArrayList<>();
    Collection<Process> processes = model.getModelElementsByType(Process.class);
    String key = PolicyCompiler.processKey(policyName);
    Optional<Process> process = processes.stream().filter(p -> key.equals(p.getId())).findFirst();
    if (process.isEmpty() || processes.size() != 1) {
      problems.add(origin + ": must hold exactly one process, with id '" + key + "'");
      return problems;
    }
    if (!process.get().isExecutable()) {
      problems.add(origin + ": process '" + key + "' must be executable (isExecutable=\"true\")");
    }
    Set<FlowNode> notifyTasks = new HashSet<>();
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      Optional<String> type = taskType(task);
      if (type.isEmpty()) {
        problems.add(origin + ": service task '" + task.getId() + "' must use"
            + " camunda:delegateExpression=\"${type}\" with a type from " + taskTypes);
        continue;
      }
      if (!taskTypes.contains(type.get())) {
        problems.add(origin + ": service task '" + task.getId() + "' has unknown type '"
            + type.get() + "' (known: " + String.join(", ", taskTypes.stream().sorted().toList())
            + ")");
        continue;
      }
      if (type.get().equals(NotifyDelegate.BEAN)) {
        notifyTasks.add(task);
        checkTargets(origin, task, problems);
      } else if (type.get().equals(AssignDelegate.BEAN)) {
        if (input(task, "targets").filter(t -> !t.isEmpty()).isPresent()) {
          checkTargets(origin, task, problems);
        }
      } else if (type.get().equals(BusinessHours.BEAN)) {
        Optional<String> calendar = input(task, "calendar").filter(c -> !c.isEmpty());
        if (calendar.isEmpty()) {
          problems.add(origin + ": businessHours task '" + task.getId()
              + "' needs a 'calendar' input naming a calendar from clarion.yml");
        } else {
          checkCalendar(origin, "businessHours task '" + task.getId() + "'", calendar.get(),
              problems);
        }
      }
    }
    for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
      ConditionExpression condition = flow.getConditionExpression();
      if (condition != null && condition.getTextContent() != null) {
        checkExpression(origin, "condition of flow '" + flow.getId() + "'",
            condition.getTextContent(), problems);
      }
    }
    for (FlowNode step : notifyTasks) {
      nextStepWithoutWait(step, notifyTasks)
          .ifPresent(next -> problems.add(origin + ": step '" + step.getId() + "' is followed by '"
              + next.getId() + "' without a wait (add a timer event between them)"));
    }
    if (!endReachable(process.get())) {
      problems.add(origin + ": no end event is reachable from the start event");
    }
    return problems;
  }

  static Optional<String> taskType(ServiceTask task) {
    String expression = task.getOperatonDelegateExpression();
    if (expression == null) {
      return Optional.empty();
    }
    Matcher m = BEAN.matcher(expression.strip());
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  static Optional<String> input(FlowNode node, String name) {
    if (node.getExtensionElements() == null) {
      return Optional.empty();
    }
    for (OperatonInputOutput io :
        node.getExtensionElements().getElementsQuery().filterByType(OperatonInputOutput.class).list()) {
      for (OperatonInputParameter p : io.getOperatonInputParameters()) {
        if (name.equals(p.getOperatonName())) {
          return Optional.ofNullable(p.getTextContent()).map(String::strip);
        }
      }
    }
    return Optional.empty();
  }

  private void checkTargets(String origin, ServiceTask task, List<String> problems) {
    Optional<String> text = input(task, "targets");
    if (text.isEmpty() || text.get().isEmpty()) {
      problems.add(origin + ": " + taskType(task).orElse("notify") + " task '" + task.getId()
          + "' needs a 'targets' input"
          + " (e.g. user:kim, schedule:platform, team:sre, random:sre, previous)");
      return;
    }
    List<Target> targets;
    try {
      targets = Target.parseList(text.get());
    } catch (IllegalArgumentException e) {
      problems.add(origin + ": notify task '" + task.getId() + "': " + e.getMessage());
      return;
    }
    for (Target target : targets) {
      String unknown = null;
      if (target instanceof Target.User u && users.find(u.id()).isEmpty()) {
        unknown = "unknown user '" + u.id() + "'";
      } else if (target instanceof Target.Schedule s && !schedules.contains(s.id())) {
        unknown = "unknown schedule '" + s.id() + "'";
      } else if (target instanceof Target.Team t && teams.find(t.id()).isEmpty()) {
        unknown = "unknown team '" + t.id() + "'";
      } else if (target instanceof Target.RandomMember r && teams.find(r.id()).isEmpty()) {
        unknown = "unknown team '" + r.id() + "'";
      }
      if (unknown != null) {
        problems.add(origin + ": " + taskType(task).orElse("notify") + " task '" + task.getId()
            + "': " + unknown);
      }
    }
  }

  /** The first notify task reachable from {@code step} without passing a timer event. */
  private static Optional<FlowNode> nextStepWithoutWait(FlowNode step, Set<FlowNode> steps) {
    Deque<FlowNode> todo = new ArrayDeque<>(waitingTargets(step));
    Set<FlowNode> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      FlowNode node = todo.pop();
      if (!seen.add(node) || isTimer(node)) {
        continue;
      }
      if (steps.contains(node)) {
        return Optional.of(node);
      }
      todo.addAll(waitingTargets(node));
    }
    return Optional.empty();
  }

  /** Where {@code node} leads, leaving out the flows taken only when a step paged nobody. */
  private static List<FlowNode> waitingTargets(FlowNode node) {
    return node.getOutgoing().stream()
        .filter(f -> !nobodyPaged(f))
        .map(SequenceFlow::getTarget)
        .toList();
  }

  private static boolean nobodyPaged(SequenceFlow flow) {
    ConditionExpression condition = flow.getConditionExpression();
    return condition != null
        && condition.getTextContent() != null
        && condition.getTextContent().replaceAll("\\s", "")
            .equals(PolicyCompiler.NOBODY_PAGED);
  }

  private static boolean endReachable(Process process) {
    Deque<FlowNode> todo = new ArrayDeque<>();
    for (StartEvent start : process.getChildElementsByType(StartEvent.class)) {
      todo.add(start);
    }
    Set<FlowNode> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      FlowNode node = todo.pop();
      if (!seen.add(node)) {
        continue;
      }
      if (node instanceof EndEvent) {
        return true;
      }
      todo.addAll(targets(node));
    }
    return false;
  }

  private static List<FlowNode> targets(FlowNode node) {
    return node.getOutgoing().stream().map(SequenceFlow::getTarget).toList();
  }

  private static boolean isTimer(FlowNode node) {
    return node instanceof IntermediateCatchEvent e
        && e.getEventDefinitions().stream().anyMatch(d -> d instanceof TimerEventDefinition);
  }
}
