package dev.clarion.workflow.bpmn;

import dev.clarion.runbook.RunbookEngine;
import dev.clarion.runbook.RunbookRun;
import dev.clarion.runbook.Runbooks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.task.Task;

/**
 * {@link RunbookEngine} on the same embedded Operaton engine as escalation. Runbook processes have
 * keys {@code runbook-<id>} and business keys {@code run-<n>} (never a bare number, which is an
 * incident's escalation). Retrying a failed step gives its failed job one more attempt.
 */
public final class BpmnRunbookEngine implements RunbookEngine {
  private final Supplier<Optional<ProcessEngine>> engine;
  private final Supplier<String> state;

  private BpmnRunbookEngine(Supplier<Optional<ProcessEngine>> engine, Supplier<String> state) {
    this.engine = engine;
    this.state = state;
  }

  /** The runbook engine on the escalation engine's process engine. */
  public static BpmnRunbookEngine on(BpmnEscalationEngine escalations) {
    return new BpmnRunbookEngine(escalations::engine, escalations::state);
  }

  /** The beans runbook BPMN refers to, for the engine's configuration. */
  public static Map<Object, Object> beans(Runbooks runbooks) {
    return new HashMap<>(new RunbookSteps(runbooks).beans());
  }

  /** Deploys the runbooks (unchanged ones are left alone). */
  public static void deploy(ProcessEngine engine, List<RunbookFiles.Loaded> runbooks) {
    RepositoryService repository = engine.getRepositoryService();
    for (RunbookFiles.Loaded r : runbooks) {
      repository.createDeployment().name(r.processKey()).enableDuplicateFiltering(true)
          .addString(r.runbook().id().value() + ".bpmn", r.xml()).deploy();
    }
  }

  @Override
  public boolean isReady() {
    return engine.get().isPresent();
  }

  @Override
  public String state() {
    return "engine " + state.get();
  }

  private ProcessEngine up() {
    return engine.get().orElseThrow(() -> new IllegalStateException("the engine is " + state.get()));
  }

  static String businessKey(RunbookRun run) {
    return RunbookSteps.BUSINESS_KEY_PREFIX + run.id().value();
  }

  @Override
  public void start(RunbookRun run) {
    Map<String, Object> variables = new HashMap<>(run.parameters());
    variables.put("run", run.id().value());
    variables.put("runbook", run.runbook().value());
    variables.put("incident", run.incident().map(i -> Long.toString(i.value())).orElse(""));
    variables.put("requester", run.requester().value());
    up().getRuntimeService().startProcessInstanceByKey(
        RunbookFiles.Loaded.processKey(run.runbook()), businessKey(run), variables);
  }

  @Override
  public void completeWaitingStep(RunbookRun run, Map<String, Object> variables) {
    ProcessEngine e = up();
    List<Task> tasks = e.getTaskService().createTaskQuery()
        .processInstanceBusinessKey(businessKey(run)).active().list();
    if (tasks.isEmpty()) {
      throw new IllegalStateException("run #" + run.id() + " has no step waiting in the engine");
    }
    Task task = tasks.stream().filter(t -> run.step().map(t.getTaskDefinitionKey()::equals)
        .orElse(true)).findFirst().orElse(tasks.get(0));
    e.getTaskService().complete(task.getId(), variables);
  }

  /**
   * The step reports its failure before the engine records the failed job (two transactions), so
   * a retry pressed in between waits up to this long for the job to be marked failed.
   */
  static final long FAILED_JOB_WAIT_MILLIS = 10_000;

  @Override
  public boolean retryFailedStep(RunbookRun run) {
    long deadline = System.nanoTime() + FAILED_JOB_WAIT_MILLIS * 1_000_000;
    while (true) {
      if (retryNow(run)) {
        return true;
      }
      if (System.nanoTime() > deadline || !hasLockedJob(run)) {
        return false;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
    }
  }

  /** Whether a job of the run is still being executed (its failure not yet recorded). */
  private boolean hasLockedJob(RunbookRun run) {
    ProcessEngine e = up();
    return instances(e, run).stream().anyMatch(i -> e.getManagementService().createJobQuery()
        .processInstanceId(i.getId()).list().stream()
        .anyMatch(j -> j.getRetries() > 0 && j.getExceptionMessage() == null));
  }

  private boolean retryNow(RunbookRun run) {
    ProcessEngine e = up();
    boolean any = false;
    for (ProcessInstance instance : instances(e, run)) {
      for (Job job : e.getManagementService().createJobQuery().processInstanceId(instance.getId())
          .noRetriesLeft().list()) {
        e.getManagementService().setJobRetries(job.getId(), 1);
        // The failure pushed its due date out by the retry interval: the retry is wanted now.
        e.getManagementService().setJobDuedate(job.getId(), new java.util.Date(0));
        any = true;
      }
    }
    return any;
  }

  @Override
  public void cancel(RunbookRun run, String reason) {
    ProcessEngine e = up();
    for (ProcessInstance instance : instances(e, run)) {
      e.getRuntimeService().deleteProcessInstance(instance.getId(), reason, true, true);
    }
  }

  private static List<ProcessInstance> instances(ProcessEngine e, RunbookRun run) {
    return e.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(businessKey(run)).list();
  }
}
