package dev.clarion.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarion.audit.Actor;
import dev.clarion.audit.AuditEntry;
import dev.clarion.config.ClarionConfig;
import dev.clarion.config.ConfigLoader;
import dev.clarion.config.ConfiguredDirectory;
import dev.clarion.escalation.WorkflowCommand;
import dev.clarion.incident.Incident;
import dev.clarion.incident.IncidentService;
import dev.clarion.incident.NewIncident;
import dev.clarion.incident.Urgency;
import dev.clarion.maintenance.MaintenanceService;
import dev.clarion.maintenance.MaintenanceWindow;
import dev.clarion.maintenance.NewWindow;
import dev.clarion.problem.Problem;
import dev.clarion.schedule.CalendarFeed;
import dev.clarion.schedule.NewOverride;
import dev.clarion.schedule.OverrideTarget;
import dev.clarion.schedule.ScheduleId;
import dev.clarion.schedule.ScheduleOverride;
import dev.clarion.schedule.ScheduleService;
import dev.clarion.service.ServiceId;
import dev.clarion.testkit.SettableClock;
import dev.clarion.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Overrides and maintenance windows in SQL, run against H2 and PostgreSQL by the subclasses,
 * together with the services that write them in one audited transaction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScheduleMaintenanceStoreContract {
  static final String CONFIG =
      """
      services:
        - id: checkout
          maintenance_end: escalate
        - id: tools
        - id: search
      users:
        - id: kim
          email: kim@example.com
        - id: lee
          email: lee@example.com
      integrations:
        - id: prom
          format: standard
          key: prom-key-123
          default_service: checkout
      maintenance:
        max_duration_hours: 4
      schedules:
        - id: primary
          services: [checkout]
          layers:
            - name: base
              rotation: daily
              start: 2026-11-01
              members: [kim, lee]
      """;

  final SettableClock clock = SettableClock.atDefaultStart();
  final Actor anna = Actor.user("anna", "test");
  Database db;
  JdbiOverrideStore overrides;
  JdbiMaintenanceStore windows;
  JdbiAuditLog audit;
  JdbiWorkflowCommandStore outbox;
  IncidentService incidents;
  ScheduleService schedules;
  MaintenanceService maintenance;

  abstract Database open();

  @BeforeAll
  void start() {
    db = open();
    ClarionConfig config = ConfigLoader.parse(CONFIG, "clarion.yml", Map.of());
    ConfiguredDirectory directory = new ConfiguredDirectory(config);
    overrides = new JdbiOverrideStore(db);
    windows = new JdbiMaintenanceStore(db);
    audit = new JdbiAuditLog(db);
    outbox = new JdbiWorkflowCommandStore(db);
    incidents = new IncidentService(new JdbiIncidentStore(db), audit, outbox,
        directory.services(), db, clock);
    schedules = new ScheduleService(config.schedules(), overrides, directory.users(), audit, db,
        clock, Duration.ofDays(31));
    maintenance = new MaintenanceService(windows, directory.services(), directory.integrations(),
        incidents, new JdbiAlertStore(db), audit, db, clock, config.maintenance());
  }

  @AfterAll
  void stop() {
    db.close();
  }

  static final ScheduleId PRIMARY = new ScheduleId("primary");

  @Test
  void overridesRoundTripAndAreFoundByRange() {
    Instant t = Instant.parse("2030-01-01T00:00:00Z");
    ScheduleOverride a = overrides.add(new NewOverride(PRIMARY, new UserId("kim"),
        new OverrideTarget.WholeLayer("base"), t, t.plusSeconds(3600), "swap"));
    ScheduleOverride b = overrides.add(new NewOverride(PRIMARY, new UserId("lee"),
        new OverrideTarget.Person(new UserId("kim")), t.plusSeconds(3600), t.plusSeconds(7200),
        ""));
    overrides.add(new NewOverride(new ScheduleId("other"), new UserId("lee"),
        new OverrideTarget.WholeSchedule(), t, t.plusSeconds(7200), ""));

    assertThat(overrides.find(a.id())).contains(a);
    assertThat(overrides.overlapping(PRIMARY, t, t.plusSeconds(1))).containsExactly(a);
    assertThat(overrides.overlapping(PRIMARY, t.plusSeconds(3600), t.plusSeconds(3601)))
        .containsExactly(b);
    assertThat(overrides.overlapping(PRIMARY, t.minusSeconds(10), t.plusSeconds(7200)))
        .containsExactly(a, b);
    assertThat(overrides.overlapping(PRIMARY, t.plusSeconds(7200), t.plusSeconds(9000))).isEmpty();

    ScheduleOverride moved = new ScheduleOverride(a.id(), PRIMARY, new UserId("lee"),
        new OverrideTarget.WholeSchedule(), t.plusSeconds(60), t.plusSeconds(120), "moved");
    overrides.update(moved);
    assertThat(overrides.find(a.id())).contains(moved);
    assertThat(overrides.remove(a.id())).isTrue();
    assertThat(overrides.remove(a.id())).isFalse();
    assertThat(overrides.find(a.id())).isEmpty();
  }

  @Test
  void overrideChangesThroughTheServiceAreAuditedAndAnswerWhoIsOnCall() {
    Instant now = clock.instant();
    List<UserId> before = schedules.onCall(PRIMARY, now);
    UserId other = before.get(0).equals(new UserId("kim")) ? new UserId("lee") : new UserId("kim");
    ScheduleOverride o = schedules.addOverride(anna, new NewOverride(PRIMARY, other,
        new OverrideTarget.Person(before.get(0)), now, now.plus(Duration.ofHours(1)), "dentist"));
    assertThat(schedules.onCall(PRIMARY, now)).containsExactly(other);
    schedules.removeOverride(anna, o.id());
    assertThat(schedules.onCall(PRIMARY, now)).isEqualTo(before);
    assertThat(audit.recent("override:" + o.id(), 10)).extracting(AuditEntry::action)
        .containsExactly("override.remove", "override.create");
  }

  @Test
  void windowsRoundTripWithTheirServices() {
    Instant t = Instant.parse("2031-01-01T00:00:00Z");
    MaintenanceWindow w = windows.add(new NewWindow(
        Set.of(new ServiceId("tools"), new ServiceId("search")), t, t.plusSeconds(600),
        "upgrade", "user:anna via test", t.minusSeconds(5)));
    assertThat(windows.find(w.id())).contains(w);
    assertThat(windows.overlapping(t.plusSeconds(599), t.plusSeconds(700))).contains(w);
    assertThat(windows.overlapping(t.plusSeconds(600), t.plusSeconds(700))).doesNotContain(w);
    assertThat(windows.endedNotClosed(t.plusSeconds(599))).doesNotContain(w);
    assertThat(windows.endedNotClosed(t.plusSeconds(600))).contains(w);

    MaintenanceWindow ended = new MaintenanceWindow(w.id(), w.services(), w.start(),
        t.plusSeconds(300), w.reason(), w.createdBy(), w.createdAt(),
        Optional.of("user:kim via test"), true);
    windows.update(ended);
    assertThat(windows.find(w.id())).contains(ended);
    assertThat(windows.endedNotClosed(t.plusSeconds(600))).doesNotContain(ended);
    assertThat(windows.history(500)).first().isEqualTo(ended);
  }

  @Test
  void escalatePolicyStartsSuppressedIncidentsWhenTheWindowEnds() {
    ServiceId checkout = new ServiceId("checkout");
    MaintenanceWindow w = maintenance.start(anna, Set.of(checkout), Duration.ofMinutes(30), "db");
    assertThat(maintenance.inMaintenance(checkout)).isTrue();
    assertThat(maintenance.inMaintenance(new ServiceId("tools"))).isFalse();
    Incident quiet = incidents.open(new NewIncident(checkout, "5xx", "host", Urgency.HIGH,
        Optional.empty(), maintenance.inMaintenance(checkout), Map.of()),
        Actor.integration("prom"), "test");
    assertThat(quiet.suppressed()).isTrue();
    assertThat(startsFor(quiet)).isZero();

    assertThat(maintenance.preview(Set.of(checkout), Duration.ofMinutes(5)).openIncidents())
        .extracting(Incident::id).contains(quiet.id());

    clock.advance(Duration.ofMinutes(30));
    assertThat(maintenance.inMaintenance(checkout)).isFalse();
    assertThat(maintenance.closeEnded()).isEqualTo(1);
    assertThat(incidents.get(quiet.id()).suppressed()).isFalse();
    assertThat(startsFor(quiet)).isEqualTo(1);
    assertThat(maintenance.closeEnded()).isZero(); // idempotent
    assertThat(windows.find(w.id()).orElseThrow().closed()).isTrue();
  }

  @Test
  void overlappingWindowIsRefusedAndNothingIsWritten() {
    ServiceId search = new ServiceId("search");
    clock.advance(Duration.ofDays(1));
    MaintenanceWindow w = maintenance.start(anna, Set.of(search), Duration.ofMinutes(15), "");
    int before = windows.history(500).size();
    assertThatThrownBy(() -> maintenance.start(anna, Set.of(new ServiceId("tools"), search),
        Duration.ofMinutes(5), ""))
        .isInstanceOfSatisfying(Problem.class, p -> {
          assertThat(p.field()).contains("start");
          assertThat(p.getMessage()).contains("overlaps window #" + w.id());
        });
    assertThat(windows.history(500)).hasSize(before);
    maintenance.end(anna, w.id());
  }

  @Test
  void calendarFeedTokensAreFoundByHashUntilRevoked() {
    JdbiCalendarFeedStore feeds = new JdbiCalendarFeedStore(db);
    String hash = "a".repeat(64);
    feeds.add(hash, CalendarFeed.Kind.USER, "kim", "user:kim via test", clock.instant());
    assertThat(feeds.findActive(hash)).hasValueSatisfying(f -> {
      assertThat(f.kind()).isEqualTo(CalendarFeed.Kind.USER);
      assertThat(f.subject()).isEqualTo("kim");
    });
    assertThat(feeds.findActive("b".repeat(64))).isEmpty();
    assertThat(feeds.revokeAll(CalendarFeed.Kind.USER, "kim")).isEqualTo(1);
    assertThat(feeds.findActive(hash)).isEmpty();
  }

  private long startsFor(Incident incident) {
    return outbox.pending(10_000).stream()
        .filter(c -> c.incident().equals(incident.id()) && c.kind() == WorkflowCommand.Kind.START)
        .count();
  }
}
