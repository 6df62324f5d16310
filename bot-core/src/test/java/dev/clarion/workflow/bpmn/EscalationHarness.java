package dev.clarion.workflow.bpmn;

import static org.awaitility.Awaitility.await;

import dev.clarion.config.ClarionConfig;
import dev.clarion.config.ConfigLoader;
import dev.clarion.config.ConfiguredDirectory;
import dev.clarion.escalation.EscalationSteps;
import dev.clarion.escalation.TimelineNotifier;
import dev.clarion.escalation.WorkflowCommand;
import dev.clarion.incident.IncidentId;
import dev.clarion.incident.Level;
import dev.clarion.incident.NewIncident;
import dev.clarion.incident.Priority;
import dev.clarion.incident.TimelineEntry;
import dev.clarion.incident.Urgency;
import dev.clarion.schedule.Schedule;
import dev.clarion.schedule.ScheduleId;
import dev.clarion.schedule.ScheduleService;
import dev.clarion.service.ServiceId;
import dev.clarion.store.Transactions;
import dev.clarion.store.jdbc.Database;
import dev.clarion.store.jdbc.JdbiAuditLog;
import dev.clarion.store.jdbc.JdbiIncidentStore;
import dev.clarion.store.jdbc.JdbiNotificationLog;
import dev.clarion.store.jdbc.JdbiOverrideStore;
import dev.clarion.store.jdbc.TestDatabases;
import dev.clarion.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CopyOnWriteArrayList;
import dev.clarion.user.UserId;
import dev.clarion.escalation.NextEscalation;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.impl.util.ClockUtil;

/**
 * A real engine with its job executor on an in-memory H2 database, whose clock (the engine's static
 * ClockUtil and Clarion's Clock) the test moves. Only for tests: ClockUtil is one per JVM.
 */
final class EscalationHarness implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final Duration DEADLINE = Duration.ofSeconds(20);

  static final String PEOPLE =
      """
      services:
        - id: checkout
      users:
        - { id: kim, email: kim@example.com }
        - { id: lee, email: lee@example.com }
        - { id: park, email: park@example.com }
        - { id: choi, email: choi@example.com }
        - { id: vera, email: vera@example.com, role: viewer }
      teams:
        - { id: sre, members: [lee, park] }
        - { id: noc, members: [choi, park, kim] }
      schedules:
        - id: platform
          layers:
            - { name: base, rotation: weekly, start: 2026-03-02, members: [kim, lee] }
        - id: nights
          layers:
            - name: nights
              rotation: daily
              start: 2026-03-02
              members: [choi]
              restrictions:
                - { from: "22:00", to: "06:00" }
      """;

  final SettableClock clock = new SettableClock(T0);
  final ClarionConfig config;
  final ConfiguredDirectory directory;
  final Database db;
  final JdbiIncidentStore incidents;
  /** Who is on call: the real service on the harness clock, overrides in the database. */
  final ScheduleService schedules;
  final BpmnEscalationEngine engine;
  private final Map<IncidentId, String> policyOf = new ConcurrentHashMap<>();
  /** Set to make the next step fail after its page committed (the engine then re-runs it). */
  final AtomicBoolean crashAfterNextCommit = new AtomicBoolean();
  private final AtomicLong commandIds = new AtomicLong(1_000_000);
  /** What the {@code assign} task assigned, per incident (latest last). */
  final Map<IncidentId, List<UserId>> assigned = new ConcurrentHashMap<>();
  /** NEXT_ESCALATION as a page's message would show it (UTC), one per page, in order. */
  final List<String> nextAtPage = new CopyOnWriteArrayList<>();

  EscalationHarness(String policiesYaml, Optional<Path> workflows) {
    this(policiesYaml, workflows,
        Database.open(TestDatabases.h2Url(), "sa", "", BpmnEscalationEngine.MIN_POOL_SIZE),
        new Random());
  }

  private final java.util.concurrent.atomic.AtomicReference<BpmnEscalationEngine> engineRef =
      new java.util.concurrent.atomic.AtomicReference<>();

  EscalationHarness(String policiesYaml, Optional<Path> workflows, Database db, Random random) {
    ClockUtil.setCurrentTime(Date.from(T0));
    this.config = ConfigLoader.parse(PEOPLE + policiesYaml, "test.yml", Map.of());
    this.directory = new ConfiguredDirectory(config);
    this.db = db;
    this.incidents = new JdbiIncidentStore(db);
    // Clarion's transactions, able to fail once right after a step's page committed: what the
    // engine sees when a node dies between Clarion's commit and its own.
    Transactions transactions =
        new Transactions() {
          @Override
          public <T> T inTransaction(Supplier<T> work) {
            T result = db.inTransaction(work);
            if (crashAfterNextCommit.compareAndSet(true, false)) {
              throw new IllegalStateException("simulated crash after the page was committed");
            }
            return result;
          }
        };
    this.schedules = new ScheduleService(config.schedules(), new JdbiOverrideStore(db),
        directory.users(), new JdbiAuditLog(db), db, clock, config.onCall().maxOverride());
    EscalationSteps steps =
        new EscalationSteps(directory.users(), directory.teams(), schedules,
            new JdbiNotificationLog(db),
            page -> {
              new TimelineNotifier(incidents, clock).page(page);
              incidents.find(page.key().incident()).ifPresent(i -> nextAtPage.add(
                  engineRef.get().outlook().next(i).map(n -> n.line(ZoneOffset.UTC, clock.instant()))
                      .orElse("")));
            }, transactions, clock, random);
    List<PolicyCatalog.Policy> policies =
        PolicyCatalog.load(config.escalationPolicies(), workflows, directory.services(),
            directory.users(), directory.teams(), scheduleIds(config),
            config.escalation().calendars().keySet());
    this.engine =
        BpmnEscalationEngine.start(db.dataSource(), steps, policies,
            id -> Optional.ofNullable(policyOf.get(id)), true, config.escalation().calendars(),
            (incident, who) -> assigned.put(incident, List.copyOf(who)));
    engineRef.set(engine);
    if (!engine.awaitUp(Duration.ofSeconds(60))) {
      throw new IllegalStateException("engine did not start: " + engine.state());
    }
  }

  static Set<ScheduleId> scheduleIds(ClarionConfig config) {
    return config.schedules().stream().map(Schedule::id).collect(Collectors.toSet());
  }

  static Path workflowsDir() {
    return Path.of(System.getProperty("clarion.workflows", "../workflows"), "escalation");
  }

  ProcessEngine processEngine() {
    return engine.engine().orElseThrow();
  }

  /** Opens an incident at the current time and starts {@code policy} for it. */
  IncidentId open(String policy) {
    IncidentId id =
        incidents
            .insert(
                new NewIncident(new ServiceId("checkout"), "disk full", "test", Urgency.HIGH,
                    Optional.empty(), false, Map.of()),
                Level.HIGH, Priority.of(Urgency.HIGH, Level.HIGH), clock.instant())
            .id();
    policyOf.put(id, policy);
    send(id, WorkflowCommand.Kind.START);
    return id;
  }

  void send(IncidentId id, WorkflowCommand.Kind kind) {
    send(id, kind, commandIds.incrementAndGet());
  }

  /** Sends a command with a given id, e.g. to re-deliver one. */
  void send(IncidentId id, WorkflowCommand.Kind kind, long commandId) {
    engine.apply(new WorkflowCommand(commandId, id, kind, clock.instant(), 0));
  }

  /** Moves both clocks to {@code T0 + sinceStart}. */
  void at(Duration sinceStart) {
    Instant now = T0.plus(sinceStart);
    clock.set(now);
    ClockUtil.setCurrentTime(Date.from(now));
  }

  /** Pages so far (timeline entries NOTIFIED and ESCALATED), oldest first. */
  List<TimelineEntry> pages(IncidentId id) {
    return incidents.timeline(id).stream()
        .filter(e -> e.kind() == TimelineEntry.Kind.NOTIFIED
            || e.kind() == TimelineEntry.Kind.ESCALATED)
        .toList();
  }

  /** Waits until the escalation waits at {@code activityId} (what ran before it is committed). */
  void awaitAt(IncidentId id, String activityId) {
    await().atMost(DEADLINE).until(() -> activeActivities(id).contains(activityId));
  }

  /** Waits until {@code count} pages are recorded and the escalation waits at {@code activityId}. */
  void awaitPagesThenAt(IncidentId id, int count, String activityId) {
    await().atMost(DEADLINE).until(() -> pages(id).size() >= count);
    awaitAt(id, activityId);
  }

  void awaitEnded(IncidentId id) {
    await().atMost(DEADLINE).until(() -> !running(id));
  }

  boolean running(IncidentId id) {
    return processEngine().getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(String.valueOf(id.value())).count() > 0;
  }

  List<String> activeActivities(IncidentId id) {
    var runtime = processEngine().getRuntimeService();
    return runtime.createProcessInstanceQuery()
        .processInstanceBusinessKey(String.valueOf(id.value())).list().stream()
        .flatMap(p -> runtime.getActiveActivityIds(p.getId()).stream())
        .toList();
  }

  /** Marks the incident acknowledged in the store only (the engine hears of it separately). */
  void markAcknowledged(IncidentId id) {
    try (var c = db.dataSource().getConnection();
        var update = c.prepareStatement("UPDATE incident SET status = 'ACKNOWLEDGED' WHERE id = ?")) {
      update.setLong(1, id.value());
      update.executeUpdate();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The incident's next escalation step as the API shows it. */
  Optional<NextEscalation> next(IncidentId id) {
    return engine.outlook().next(incidents.find(id).orElseThrow());
  }

  @Override
  public void close() {
    engine.close();
    db.close();
    ClockUtil.reset();
  }
}
