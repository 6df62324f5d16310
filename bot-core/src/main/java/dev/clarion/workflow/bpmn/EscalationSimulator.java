package dev.clarion.workflow.bpmn;

import dev.clarion.escalation.Assignments;
import dev.clarion.escalation.BusinessCalendar;
import dev.clarion.escalation.EscalationSteps;
import dev.clarion.escalation.InMemoryNotificationLog;
import dev.clarion.escalation.Notifier;
import dev.clarion.escalation.Page;
import dev.clarion.schedule.OnCallResolver;
import dev.clarion.store.Transactions;
import dev.clarion.team.TeamDirectory;
import dev.clarion.user.UserDirectory;
import dev.clarion.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.h2.jdbcx.JdbcDataSource;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.operaton.bpm.engine.management.JobDefinition;
import org.operaton.bpm.engine.runtime.Job;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.CatchEvent;
import org.operaton.bpm.model.bpmn.instance.EventDefinition;
import org.operaton.bpm.model.bpmn.instance.TimerEventDefinition;

/**
 * Runs a policy's real BPMN in a throwaway in-memory engine on a virtual clock and reports who
 * would be paged when. The engine's own clock (static, one per JVM) is never moved: the job
 * executor is off, and the simulator executes due jobs itself in due-date order, translating each
 * job's due date into virtual time (virtual time of the action that created the job plus the
 * job's wait), so a live server in the same JVM is not disturbed.
 */
public final class EscalationSimulator {
  /** One line of the simulated timeline. {@code recipients} is empty for non-page events. */
  public record Event(Instant at, String what, List<UserId> recipients) {
    public Event {
      recipients = List.copyOf(recipients);
    }
  }

  private static final int MAX_ACTIONS = 10_000;

  private EscalationSimulator() {}

  public static List<Event> simulate(
      PolicyCatalog.Policy policy,
      UserDirectory users,
      TeamDirectory teams,
      OnCallResolver onCall,
      Instant start,
      Optional<Duration> ackAfter,
      RandomGenerator random) {
    return simulate(policy, users, teams, onCall, Map.of(), start, ackAfter, random);
  }

  /**
   * Simulates one escalation. The in-memory engine is built once per JVM (the first simulation
   * takes seconds, later ones milliseconds) and simulations take turns on it; each one deploys its
   * policy (unchanged BPMN is not deployed again) and removes its process afterwards.
   *
   * @param calendars for {@code businessHours}, judged on the simulation's virtual clock
   */
  public static List<Event> simulate(
      PolicyCatalog.Policy policy,
      UserDirectory users,
      TeamDirectory teams,
      OnCallResolver onCall,
      Map<String, BusinessCalendar> calendars,
      Instant start,
      Optional<Duration> ackAfter,
      RandomGenerator random) {
    VirtualClock clock = new VirtualClock(start);
    List<Event> events = new ArrayList<>();
    Notifier notifier =
        page -> events.add(new Event(clock.instant(), page.reason(), page.recipients()));
    EscalationSteps steps =
        new EscalationSteps(users, teams, onCall, new InMemoryNotificationLog(), notifier,
            new DirectTransactions(), clock, random);
    Assignments assignments = (incident, who) -> events.add(new Event(clock.instant(),
        "assigned to " + String.join(", ", who.stream().map(UserId::value).toList()), List.of()));
    synchronized (SHARED) {
      ProcessEngine engine = SHARED.engine();
      SHARED.use(BpmnEscalationEngine.beans(steps,
          new BpmnEscalationOutlook(Optional::empty, steps), calendars, assignments));
      // The business key is the incident number in the notify task; each simulation its own.
      String key = Long.toString(SIMULATIONS.incrementAndGet());
      String instance = null;
      try {
        SHARED.deploy(policy);
        Map<String, Instant> virtualDue = new HashMap<>();
        instance = engine.getRuntimeService()
            .startProcessInstanceByKey(policy.processKey(), key, Map.of("round", 1)).getId();
        run(engine, instance, key, clock, start, ackAfter, virtualDue, events);
        return events;
      } finally {
        if (instance != null) {
          if (running(engine, key)) {
            engine.getRuntimeService().deleteProcessInstance(instance, "simulation over");
          }
        }
        SHARED.use(Map.of());
      }
    }
  }

  private static void run(ProcessEngine engine, String instance, String key, VirtualClock clock,
      Instant start, Optional<Duration> ackAfter, Map<String, Instant> virtualDue,
      List<Event> events) {
    Optional<Instant> ackAt = ackAfter.map(start::plus);
    boolean acknowledged = false;
    boolean stoppedByAck = false;
    for (int i = 0; i < MAX_ACTIONS && running(engine, key); i++) {
      List<Job> jobs = engine.getManagementService().createJobQuery()
          .processInstanceId(instance).list();
      for (Job job : jobs) {
        virtualDue.computeIfAbsent(job.getId(), id -> clock.instant().plus(wait(engine, job)));
      }
      Optional<Job> next =
          jobs.stream().min((a, b) -> virtualDue.get(a.getId()).compareTo(virtualDue.get(b.getId())));
      Instant due = next.map(j -> virtualDue.get(j.getId())).orElse(Instant.MAX);
      if (!acknowledged && ackAt.isPresent() && !ackAt.get().isAfter(due)) {
        acknowledged = true;
        clock.set(ackAt.get());
        engine.getRuntimeService()
            .createMessageCorrelation(BpmnEscalationEngine.ACKNOWLEDGED)
            .processInstanceBusinessKey(key)
            .correlateAll();
        stoppedByAck = !running(engine, key);
        events.add(new Event(clock.instant(), stoppedByAck
            ? "acknowledged; escalation stops"
            : "acknowledged; the policy ends on resolve, so it continues", List.of()));
        continue;
      }
      if (next.isEmpty()) {
        events.add(new Event(clock.instant(), "waiting for a message; nothing more is timed",
            List.of()));
        return;
      }
      clock.set(due);
      engine.getManagementService().executeJob(next.get().getId());
    }
    if (!running(engine, key) && !stoppedByAck) {
      events.add(new Event(clock.instant(), "escalation ends: nobody acknowledged", List.of()));
    }
  }

  /**
   * Builds the simulation engine now, on a background daemon thread, so that the first {@code
   * oncall simulate} from chat answers within the platform's 3-second window instead of waiting
   * seconds for the engine. Does nothing when it is built already (once per JVM).
   */
  public static void warmUpInBackground() {
    Thread warm = new Thread(() -> {
      try {
        synchronized (SHARED) {
          SHARED.engine();
        }
      } catch (RuntimeException e) {
        // The first simulation builds it again and reports the problem to whoever asked.
        org.slf4j.LoggerFactory.getLogger(EscalationSimulator.class)
            .warn("could not prepare the escalation simulator: {}", e.toString());
      }
    }, "simulator-warm-up");
    warm.setDaemon(true);
    warm.setPriority(Thread.MIN_PRIORITY);
    warm.start();
  }

  /** The one simulation engine of this JVM, built on first use; beans swapped per simulation. */
  private static final Shared SHARED = new Shared();
  private static final java.util.concurrent.atomic.AtomicLong SIMULATIONS =
      new java.util.concurrent.atomic.AtomicLong();

  private static final class Shared {
    private final Forward notify = new Forward();
    private final ForwardBusinessHours businessHours = new ForwardBusinessHours();
    private final Forward assign = new Forward();
    private ProcessEngine engine;

    ProcessEngine engine() {
      if (engine == null) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:simulation-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        engine = EngineSetup.build(dataSource, false, Map.of(
            NotifyDelegate.BEAN, notify,
            BusinessHours.BEAN, businessHours,
            AssignDelegate.BEAN, assign), org.operaton.bpm.engine.ProcessEngineConfiguration.HISTORY_NONE);
      }
      return engine;
    }

    /** Deploys {@code policy} unless this very BPMN is already the latest of its key. */
    void deploy(PolicyCatalog.Policy policy) {
      if (!policy.xml().equals(deployed.get(policy.processKey()))) {
        PolicyDeployment.deploy(engine(), List.of(policy));
        deployed.put(policy.processKey(), policy.xml());
      }
    }

    private final Map<String, String> deployed = new HashMap<>();

    void use(Map<Object, Object> beans) {
      notify.target = (JavaDelegate) beans.get(NotifyDelegate.BEAN);
      businessHours.target = (BusinessHours) beans.get(BusinessHours.BEAN);
      assign.target = (JavaDelegate) beans.get(AssignDelegate.BEAN);
    }
  }

  private static final class Forward implements JavaDelegate {
    volatile JavaDelegate target;

    @Override
    public void execute(DelegateExecution execution) throws Exception {
      target.execute(execution);
    }
  }

  /** The businessHours bean of the shared engine; forwards to this simulation's helper. */
  public static final class ForwardBusinessHours implements JavaDelegate {
    volatile BusinessHours target;

    public boolean isOpen(String calendar) {
      return target.isOpen(calendar);
    }

    @Override
    public void execute(DelegateExecution execution) {
      target.execute(execution);
    }
  }

  /**
   * How long a new timer job waits: the timer's literal ISO-8601 duration from the BPMN when it has
   * one (exact), else its due date minus its creation time rounded up to the second (the engine
   * computes the due date a little before it stamps the creation time).
   */
  private static Duration wait(ProcessEngine engine, Job job) {
    try {
      JobDefinition definition = engine.getManagementService().createJobDefinitionQuery()
          .jobDefinitionId(job.getJobDefinitionId()).singleResult();
      BpmnModelInstance model =
          engine.getRepositoryService().getBpmnModelInstance(job.getProcessDefinitionId());
      if (definition != null
          && model.getModelElementById(definition.getActivityId()) instanceof CatchEvent event) {
        for (EventDefinition d : event.getEventDefinitions()) {
          if (d instanceof TimerEventDefinition timer && timer.getTimeDuration() != null) {
            return Duration.parse(timer.getTimeDuration().getTextContent().strip());
          }
        }
      }
    } catch (RuntimeException e) {
      // an expression or a date: fall back to the job's own times
    }
    long millis = job.getDuedate().getTime() - job.getCreateTime().getTime();
    return Duration.ofSeconds((millis + 999) / 1000);
  }

  private static boolean running(ProcessEngine engine, String key) {
    return engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(key).count() > 0;
  }

  /** The simulation has no database of its own to make transactional. */
  private static final class DirectTransactions implements Transactions {
    @Override
    public <T> T inTransaction(Supplier<T> work) {
      return work.get();
    }
  }

  private static final class VirtualClock extends Clock {
    private volatile Instant now;

    VirtualClock(Instant start) {
      this.now = start;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
