package dev.clarion.workflow.bpmn;

import dev.clarion.escalation.EscalationOutlook;
import dev.clarion.escalation.EscalationSteps;
import dev.clarion.escalation.NextEscalation;
import dev.clarion.escalation.Target;
import dev.clarion.incident.Incident;
import dev.clarion.incident.IncidentId;
import dev.clarion.incident.IncidentStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.delegate.VariableScope;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.operaton.bpm.engine.management.JobDefinition;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.FlowNode;
import org.operaton.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.operaton.bpm.model.bpmn.instance.MessageEventDefinition;
import org.operaton.bpm.model.bpmn.instance.StartEvent;

/**
 * The next escalation step of an incident, read from the engine: the earliest pending timer of its
 * escalation gives the time, and the policy's BPMN after that timer gives the step (gateway
 * conditions evaluated on the waiting execution, business hours as of the timer's due date);
 * schedule targets resolve to whoever is on call at that time.
 *
 * <p>While a step runs, its pages are written before the engine has created the next timer; for
 * them the notify task predicts the next step from its own position ({@link #whileStepRuns}).
 */
final class BpmnEscalationOutlook implements EscalationOutlook {
  private record InStep(IncidentId incident, Supplier<Optional<NextEscalation>> next) {}

  private static final ThreadLocal<InStep> RUNNING_STEP = new ThreadLocal<>();

  private final Supplier<Optional<ProcessEngine>> engine;
  private final EscalationSteps steps;

  BpmnEscalationOutlook(Supplier<Optional<ProcessEngine>> engine, EscalationSteps steps) {
    this.engine = engine;
    this.steps = steps;
  }

  /** Runs {@code work} (a step) with {@code next} as the incident's next escalation on this thread. */
  static <T> T whileStepRuns(
      IncidentId incident, Supplier<Optional<NextEscalation>> next, Supplier<T> work) {
    InStep previous = RUNNING_STEP.get();
    RUNNING_STEP.set(new InStep(incident, memoize(next)));
    try {
      return work.get();
    } finally {
      RUNNING_STEP.set(previous);
    }
  }

  @Override
  public Optional<NextEscalation> next(Incident incident) {
    if (incident.status() == IncidentStatus.RESOLVED) {
      return Optional.empty();
    }
    InStep running = RUNNING_STEP.get();
    if (running != null && running.incident().equals(incident.id())) {
      return running.next().get();
    }
    Optional<ProcessEngine> up = engine.get();
    if (up.isEmpty()) {
      return Optional.empty();
    }
    ProcessEngine e = up.get();
    String key = String.valueOf(incident.id().value());
    List<ProcessInstance> instances = e.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(key).list();
    for (ProcessInstance instance : instances) {
      BpmnModelInstance model =
          e.getRepositoryService().getBpmnModelInstance(instance.getProcessDefinitionId());
      if (incident.status() == IncidentStatus.ACKNOWLEDGED
          && listensFor(model, BpmnEscalationEngine.ACKNOWLEDGED)) {
        continue; // the acknowledgement is on its way to the engine and stops it
      }
      List<Job> timers = e.getManagementService().createJobQuery()
          .processInstanceId(instance.getId()).timers().list().stream()
          .sorted(Comparator.comparing(Job::getDuedate)).toList();
      for (Job timer : timers) {
        Optional<NextEscalation> next = afterTimer(e, model, timer);
        if (next.isPresent()) {
          return next;
        }
      }
    }
    return Optional.empty();
  }

  private Optional<NextEscalation> afterTimer(ProcessEngine e, BpmnModelInstance model, Job timer) {
    JobDefinition definition = e.getManagementService().createJobDefinitionQuery()
        .jobDefinitionId(timer.getJobDefinitionId()).singleResult();
    if (definition == null
        || !(model.getModelElementById(definition.getActivityId()) instanceof FlowNode node)) {
      return Optional.empty();
    }
    Instant due = timer.getDuedate().toInstant();
    ProcessEngineConfigurationImpl config =
        (ProcessEngineConfigurationImpl) e.getProcessEngineConfiguration();
    return config.getCommandExecutorTxRequired().execute(context -> {
      ExecutionEntity execution =
          context.getExecutionManager().findExecutionById(timer.getExecutionId());
      if (execution == null) {
        return Optional.empty();
      }
      StepWalker walker = new StepWalker(conditions(config, execution, due));
      return outlook(model, walker.from(node), due, round(execution));
    });
  }

  /**
   * The next step as seen from a notify task that is running now: the wait after it, then the
   * step after that wait. Used for the pages the running step writes.
   */
  Optional<NextEscalation> afterRunningStep(
      ProcessEngineConfigurationImpl config, ExecutionEntityLike step) {
    Instant now = steps.clock().instant();
    StepWalker walker = new StepWalker(conditions(config, step.scope(), now));
    StepWalker.Reached reached = walker.from(step.node());
    for (IntermediateCatchEvent wait : reached.timers()) {
      Optional<java.time.Duration> duration = StepWalker.duration(wait);
      if (duration.isEmpty()) {
        continue;
      }
      Instant due = now.plus(duration.get());
      StepWalker later = new StepWalker(conditions(config, step.scope(), due));
      Optional<NextEscalation> next =
          outlook((BpmnModelInstance) step.node().getModelInstance(), later.from(wait), due,
              step.round() + reached.roundsAdded());
      if (next.isPresent()) {
        return next;
      }
    }
    return Optional.empty();
  }

  /** What a notify task needs to predict its successor. */
  record ExecutionEntityLike(FlowNode node, VariableScope scope, int round) {}

  private Optional<NextEscalation> outlook(
      BpmnModelInstance model, StepWalker.Reached reached, Instant due, int round) {
    if (reached.steps().isEmpty()) {
      return Optional.empty();
    }
    List<Target> targets = StepWalker.targets(reached.steps());
    var first = reached.steps().get(0);
    return Optional.of(new NextEscalation(due, StepWalker.number(model, first), first.getId(),
        round + reached.roundsAdded(), steps.preview(targets, due)));
  }

  /** Evaluates gateway conditions on {@code scope}, with business hours as of {@code at}. */
  private static java.util.function.Function<String, Optional<Boolean>> conditions(
      ProcessEngineConfigurationImpl config, VariableScope scope, Instant at) {
    return text -> {
      try {
        Object value = BusinessHours.asOf(at,
            () -> config.getExpressionManager().createExpression(text).getValue(scope));
        return value instanceof Boolean b ? Optional.of(b) : Optional.empty();
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    };
  }

  private static int round(VariableScope scope) {
    return scope.getVariable("round") instanceof Number n ? n.intValue() : 1;
  }

  static boolean listensFor(BpmnModelInstance model, String message) {
    return model.getModelElementsByType(StartEvent.class).stream()
        .flatMap(s -> s.getEventDefinitions().stream())
        .anyMatch(d -> d instanceof MessageEventDefinition m && m.getMessage() != null
            && message.equals(m.getMessage().getName()));
  }

  private static <T> Supplier<T> memoize(Supplier<T> supplier) {
    return new Supplier<>() {
      private T value;
      private boolean done;

      @Override
      public T get() {
        if (!done) {
          value = supplier.get();
          done = true;
        }
        return value;
      }
    };
  }
}
