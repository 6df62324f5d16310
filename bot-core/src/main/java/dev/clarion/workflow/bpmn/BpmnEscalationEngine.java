package dev.clarion.workflow.bpmn;

import com.zaxxer.hikari.HikariDataSource;
import dev.clarion.escalation.Assignments;
import dev.clarion.escalation.BusinessCalendar;
import dev.clarion.escalation.EscalationOutlook;
import dev.clarion.escalation.EscalationSteps;
import dev.clarion.escalation.Escalations;
import dev.clarion.escalation.WorkflowCommand;
import dev.clarion.incident.IncidentId;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.sql.DataSource;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Escalations} on an embedded Operaton engine sharing Clarion's DataSource. The engine
 * boots on its own thread (5–8 s), so HTTP and ingest are ready long before it; until it is up,
 * {@link #isReady()} is false and the relay leaves commands in the outbox.
 *
 * <p>Every command is idempotent, because the relay delivers at least once: START starts the
 * policy only if this incident never had an escalation (history is kept for 30 days);
 * acknowledge/resolve/reassign are message correlations by business key (= incident id), where
 * nothing to correlate is success; ESCALATE_NOW makes the pending wait due now.
 */
public final class BpmnEscalationEngine implements Escalations, AutoCloseable {
  static final String ACKNOWLEDGED = "incident-acknowledged";
  static final String RESOLVED = "incident-resolved";
  static final String REASSIGNED = "incident-reassigned";

  /**
   * The smallest connection pool the engine may share. A timer job holds an engine connection
   * while its notify step takes a second one for Clarion's transaction, and so does the relay when
   * a START runs the first step; with fewer than two connections per such thread (8 job threads +
   * the relay) plus headroom, they can all hold one and wait for another forever.
   */
  public static final int MIN_POOL_SIZE = 2 * (EngineSetup.JOB_THREADS + 1) + 2;

  private static final Logger log = LoggerFactory.getLogger(BpmnEscalationEngine.class);

  private final CompletableFuture<ProcessEngine> engine;
  private final Function<IncidentId, Optional<String>> policyOf;
  private final BpmnEscalationOutlook outlook;
  private volatile String state = "starting";

  private BpmnEscalationEngine(
      CompletableFuture<ProcessEngine> engine,
      Function<IncidentId, Optional<String>> policyOf,
      EscalationSteps steps) {
    this.engine = engine;
    this.policyOf = policyOf;
    this.outlook = new BpmnEscalationOutlook(this::engine, steps);
  }

  public static BpmnEscalationEngine start(
      DataSource dataSource,
      EscalationSteps steps,
      List<PolicyCatalog.Policy> policies,
      Function<IncidentId, Optional<String>> policyOf,
      boolean runJobs) {
    return start(dataSource, steps, policies, policyOf, runJobs, Map.of(), Assignments.NONE);
  }

  /**
   * Starts booting the engine on a background thread and returns at once.
   *
   * @param policies validated policies ({@link PolicyCatalog}), deployed when the engine is up; a
   *     policy whose BPMN did not change is not deployed again, a changed one becomes a new version
   *     that only new incidents use
   * @param policyOf the escalation policy name of an incident's service, if it has one
   * @param runJobs whether this node runs timers (false for tools that only deploy)
   * @param calendars the calendars of the {@code businessHours} helper, by name
   * @param assignments what the {@code assign} task assigns through
   */
  public static BpmnEscalationEngine start(
      DataSource dataSource,
      EscalationSteps steps,
      List<PolicyCatalog.Policy> policies,
      Function<IncidentId, Optional<String>> policyOf,
      boolean runJobs,
      Map<String, BusinessCalendar> calendars,
      Assignments assignments) {
    return start(dataSource, steps, policies, policyOf, runJobs, calendars, assignments, Map.of(),
        engine -> {});
  }

  /**
   * Like {@link #start(DataSource, EscalationSteps, List, Function, boolean, Map, Assignments)} on
   * an engine that also knows {@code moreBeans} and runs {@code whenUp} (deploying runbooks)
   * before it reports up.
   */
  public static BpmnEscalationEngine start(
      DataSource dataSource,
      EscalationSteps steps,
      List<PolicyCatalog.Policy> policies,
      Function<IncidentId, Optional<String>> policyOf,
      boolean runJobs,
      Map<String, BusinessCalendar> calendars,
      Assignments assignments,
      Map<Object, Object> moreBeans,
      java.util.function.Consumer<ProcessEngine> whenUp) {
    if (dataSource instanceof HikariDataSource pool && runJobs
        && pool.getMaximumPoolSize() < MIN_POOL_SIZE) {
      throw new IllegalArgumentException("the escalation engine needs a connection pool of at least "
          + MIN_POOL_SIZE + ", got " + pool.getMaximumPoolSize());
    }
    CompletableFuture<ProcessEngine> future = new CompletableFuture<>();
    BpmnEscalationEngine escalations = new BpmnEscalationEngine(future, policyOf, steps);
    Thread boot =
        new Thread(
            () -> {
              try {
                long started = System.nanoTime();
                Map<Object, Object> beans = new java.util.HashMap<>(moreBeans);
                beans.putAll(beans(steps, escalations.outlook, calendars, assignments));
                ProcessEngine built = EngineSetup.build(dataSource, runJobs, beans);
                PolicyDeployment.deploy(built, policies)
                    .forEach(r -> log.info("{}: {}", r.policy().origin(), r.describe()));
                whenUp.accept(built);
                escalations.state = "up";
                log.info("escalation engine up in {} ms with {} policies",
                    (System.nanoTime() - started) / 1_000_000, policies.size());
                if (!future.complete(built)) {
                  built.close(); // closed while booting
                }
              } catch (RuntimeException | Error e) {
                escalations.state = "failed: " + e.getMessage();
                log.error("escalation engine failed to start", e);
                future.completeExceptionally(e);
              }
            },
            "escalation-engine-boot");
    boot.setDaemon(true);
    boot.start();
    return escalations;
  }

  /** The beans a policy's BPMN can use: its service task types and the businessHours helper. */
  static Map<Object, Object> beans(EscalationSteps steps, BpmnEscalationOutlook outlook,
      Map<String, BusinessCalendar> calendars, Assignments assignments) {
    return Map.of(
        NotifyDelegate.BEAN, new NotifyDelegate(steps, outlook),
        BusinessHours.BEAN, new BusinessHours(calendars, steps.clock()),
        AssignDelegate.BEAN, new AssignDelegate(steps, assignments));
  }

  /** What escalation will do next for an incident, read from this engine. */
  public EscalationOutlook outlook() {
    return outlook;
  }

  /**
   * Deploys validated policies into the running engine (a changed policy becomes a new version
   * for new incidents; running ones keep theirs).
   *
   * @throws IllegalStateException while the engine is not up
   */
  public List<PolicyDeployment.Result> deploy(List<PolicyCatalog.Policy> policies) {
    ProcessEngine e = engine.getNow(null);
    if (e == null) {
      throw new IllegalStateException("escalation engine is " + state);
    }
    return PolicyDeployment.deploy(e, policies);
  }

  /** Waits for the engine; true once it is up, false if it failed or is still booting. */
  public boolean awaitUp(Duration timeout) {
    try {
      engine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public boolean isReady() {
    return engine.isDone() && !engine.isCompletedExceptionally();
  }

  @Override
  public String state() {
    return state;
  }

  @Override
  public void apply(WorkflowCommand command) {
    ProcessEngine e = engine.getNow(null);
    if (e == null) {
      throw new IllegalStateException("escalation engine is " + state);
    }
    String businessKey = String.valueOf(command.incident().value());
    RuntimeService runtime = e.getRuntimeService();
    switch (command.kind()) {
      case START -> {
        boolean everStarted =
            e.getHistoryService()
                    .createHistoricProcessInstanceQuery()
                    .processInstanceBusinessKey(businessKey)
                    .count()
                > 0;
        if (!everStarted) {
          startPolicy(runtime, command.incident(), businessKey);
        }
      }
      case RETRIGGERED -> {
        if (active(runtime, businessKey).isEmpty()) {
          startPolicy(runtime, command.incident(), businessKey);
        }
      }
      case ACKNOWLEDGED -> correlate(runtime, ACKNOWLEDGED, businessKey);
      case RESOLVED -> correlate(runtime, RESOLVED, businessKey);
      case REASSIGNED -> correlate(runtime, REASSIGNED, businessKey);
      case ESCALATE_NOW -> escalateNow(e, businessKey, command.id());
    }
  }

  private void startPolicy(RuntimeService runtime, IncidentId incident, String businessKey) {
    policyOf
        .apply(incident)
        .ifPresent(
            policy ->
                runtime.startProcessInstanceByKey(
                    PolicyCompiler.processKey(policy), businessKey, Map.of("round", 1)));
  }

  /** Correlates to every waiting instance; none waiting is fine (already ended, or no such step). */
  private static void correlate(RuntimeService runtime, String message, String businessKey) {
    runtime.createMessageCorrelation(message).processInstanceBusinessKey(businessKey).correlateAll();
  }

  /**
   * Makes the pending timers of the incident's escalation due now. The command id is remembered on
   * the process so that a re-delivered command does not skip a second wait.
   */
  private static void escalateNow(ProcessEngine e, String businessKey, long commandId) {
    for (ProcessInstance instance : active(e.getRuntimeService(), businessKey)) {
      String marker = "escalateNow";
      Object done = e.getRuntimeService().getVariable(instance.getId(), marker);
      if (done instanceof Number n && n.longValue() == commandId) {
        continue;
      }
      for (Job timer :
          e.getManagementService().createJobQuery().processInstanceId(instance.getId()).timers()
              .list()) {
        e.getManagementService().setJobDuedate(timer.getId(), new Date(0));
      }
      e.getRuntimeService().setVariable(instance.getId(), marker, commandId);
    }
  }

  private static List<ProcessInstance> active(RuntimeService runtime, String businessKey) {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(businessKey).list();
  }

  /** The engine once up, for the simulator and tests in this package. */
  Optional<ProcessEngine> engine() {
    return Optional.ofNullable(engine.getNow(null));
  }

  @Override
  public void close() {
    engine.thenAccept(ProcessEngine::close);
    if (!engine.isDone()) {
      engine.cancel(false);
    }
  }
}
