package dev.clarion.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarion.alert.AlertEvent;
import dev.clarion.alert.AlertFormat;
import dev.clarion.alert.AlertProcessor;
import dev.clarion.alert.EventAction;
import dev.clarion.alert.IntegrationId;
import dev.clarion.audit.Actor;
import dev.clarion.audit.AuditEntry;
import dev.clarion.config.ClarionConfig;
import dev.clarion.config.ConfigLoader;
import dev.clarion.config.ConfiguredDirectory;
import dev.clarion.escalation.WorkflowCommand;
import dev.clarion.incident.Incident;
import dev.clarion.incident.IncidentId;
import dev.clarion.incident.IncidentService;
import dev.clarion.problem.Problem;
import dev.clarion.routing.Router;
import dev.clarion.service.ServiceId;
import dev.clarion.store.jdbc.Database;
import dev.clarion.store.jdbc.JdbiAlertStore;
import dev.clarion.store.jdbc.JdbiAuditLog;
import dev.clarion.store.jdbc.JdbiIncidentStore;
import dev.clarion.store.jdbc.JdbiMaintenanceStore;
import dev.clarion.store.jdbc.JdbiWorkflowCommandStore;
import dev.clarion.store.jdbc.TestDatabases;
import dev.clarion.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Maintenance windows end to end through ingest's {@link AlertProcessor}, on a private in-memory
 * H2 per test and a settable clock.
 */
class MaintenanceServiceTest {
  static final String CONFIG =
      """
      services:
        - id: checkout
          maintenance_end: escalate
        - id: tools
      users:
        - id: kim
          email: kim@example.com
      integrations:
        - id: prom
          format: standard
          key: prom-key-123
          default_service: checkout
        - id: grafana
          format: standard
          key: grafana-key-123
          default_service: tools
      maintenance:
        max_duration_hours: 2
      """;

  final SettableClock clock = new SettableClock(Instant.parse("2026-11-23T03:00:00Z"));
  final Actor kim = Actor.user("kim", "test");
  final ServiceId checkout = new ServiceId("checkout");
  final ServiceId tools = new ServiceId("tools");
  final Database db = TestDatabases.h2();
  final ClarionConfig config = ConfigLoader.parse(CONFIG, "clarion.yml", Map.of());
  final ConfiguredDirectory directory = new ConfiguredDirectory(config);
  final JdbiAuditLog audit = new JdbiAuditLog(db);
  final JdbiWorkflowCommandStore outbox = new JdbiWorkflowCommandStore(db);
  final JdbiIncidentStore incidentStore = new JdbiIncidentStore(db);
  final JdbiMaintenanceStore store = new JdbiMaintenanceStore(db);
  final IncidentService incidents =
      new IncidentService(incidentStore, audit, outbox, directory.services(), db, clock);
  final JdbiAlertStore alerts = new JdbiAlertStore(db);
  final MaintenanceService maintenance =
      new MaintenanceService(store, directory.services(), directory.integrations(), incidents,
          alerts, audit, db, clock, config.maintenance());
  final AlertProcessor processor =
      new AlertProcessor(directory.integrations(), incidents, incidentStore, alerts, new Router(),
          maintenance::inMaintenance, clock);

  @AfterEach
  void close() {
    db.close();
  }

  Incident alert(String integration, String summary) {
    AlertEvent event = new AlertEvent(new IntegrationId(integration), AlertFormat.STANDARD,
        EventAction.TRIGGER, Optional.of(UUID.randomUUID().toString()), summary, "host-1",
        Optional.empty(), Optional.empty(), Map.of(), Map.of(), "{}");
    IncidentId id = db.inTransaction(() -> processor.process(event)).incident().orElseThrow();
    return incidents.get(id);
  }

  long starts(Incident incident) {
    return outbox.pending(10_000).stream()
        .filter(c -> c.incident().equals(incident.id()) && c.kind() == WorkflowCommand.Kind.START)
        .count();
  }

  @Test
  void alertsDuringAWindowOpenSuppressedIncidentsOnlyForItsServices() {
    maintenance.start(kim, Set.of(checkout), Duration.ofMinutes(15), "deploy");
    Incident quiet = alert("prom", "checkout 5xx");
    Incident loud = alert("grafana", "wiki down");
    assertThat(quiet.suppressed()).isTrue();
    assertThat(starts(quiet)).isZero();
    assertThat(loud.suppressed()).isFalse();
    assertThat(starts(loud)).isEqualTo(1);

    clock.advance(Duration.ofMinutes(15));
    assertThat(alert("prom", "after the window").suppressed()).isFalse();
  }

  @Test
  void escalatePolicyStartsEscalationForStillOpenSuppressedIncidentsAtTheEnd() {
    MaintenanceWindow w = maintenance.start(kim, Set.of(checkout), Duration.ofMinutes(30), "");
    Incident open = alert("prom", "still broken");
    Incident resolved = alert("prom", "fixed during the window");
    incidents.resolve(resolved.id(), kim);

    clock.advance(Duration.ofMinutes(10));
    maintenance.end(kim, w.id()); // ending early applies the policy at once

    assertThat(incidents.get(open.id()).suppressed()).isFalse();
    assertThat(starts(open)).isEqualTo(1);
    assertThat(incidents.get(resolved.id()).suppressed()).isTrue();
    assertThat(starts(resolved)).isZero();
    assertThat(incidents.timeline(open.id())).last()
        .satisfies(e -> assertThat(e.message()).contains("maintenance window #" + w.id()));
    MaintenanceWindow ended = maintenance.get(w.id());
    assertThat(ended.end()).isEqualTo(clock.instant());
    assertThat(ended.endedBy()).contains(kim.display());
    assertThat(ended.closed()).isTrue();
  }

  @Test
  void quietPolicyLeavesSuppressedIncidentsAlone() {
    maintenance.start(kim, Set.of(tools), Duration.ofMinutes(5), "");
    Incident quiet = alert("grafana", "wiki slow");
    clock.advance(Duration.ofMinutes(5));
    assertThat(maintenance.closeEnded()).isZero();
    assertThat(incidents.get(quiet.id()).suppressed()).isTrue();
    assertThat(starts(quiet)).isZero();
  }

  @Test
  void aServiceStillCoveredByAnotherWindowStaysQuiet() {
    MaintenanceWindow first = maintenance.start(kim, Set.of(checkout), Duration.ofMinutes(10), "");
    maintenance.schedule(kim, Set.of(checkout), clock.instant().plus(Duration.ofMinutes(10)),
        clock.instant().plus(Duration.ofMinutes(40)), "second part");
    Incident quiet = alert("prom", "during both");
    clock.advance(Duration.ofMinutes(10));
    assertThat(maintenance.closeEnded()).isZero();
    assertThat(maintenance.get(first.id()).closed()).isTrue();
    assertThat(incidents.get(quiet.id()).suppressed()).isTrue();
    clock.advance(Duration.ofMinutes(30));
    assertThat(maintenance.closeEnded()).isEqualTo(1);
  }

  @Test
  void extendMovesTheEndAndRespectsTheCap() {
    MaintenanceWindow w = maintenance.start(kim, Set.of(checkout), Duration.ofMinutes(60), "");
    MaintenanceWindow longer = maintenance.extend(kim, w.id(), Duration.ofMinutes(30));
    assertThat(longer.end()).isEqualTo(w.end().plus(Duration.ofMinutes(30)));
    assertInvalid(() -> maintenance.extend(kim, w.id(), Duration.ofMinutes(31)), "duration");
    assertInvalid(() -> maintenance.extend(kim, w.id(), Duration.ofMinutes(-5)), "duration");
    assertThat(maintenance.get(w.id()).end()).isEqualTo(longer.end());
    clock.advance(Duration.ofHours(2));
    assertThatThrownBy(() -> maintenance.extend(kim, w.id(), Duration.ofMinutes(5)))
        .isInstanceOfSatisfying(Problem.class,
            p -> assertThat(p.kind()).isEqualTo(Problem.Kind.CONFLICT));
  }

  @Test
  void badInputNamesTheFieldAndWritesNothing() {
    assertInvalid(() -> maintenance.start(kim, Set.of(new ServiceId("chekout")),
        Duration.ofMinutes(5), ""), "service");
    assertInvalid(() -> maintenance.start(kim, Set.of(checkout), Duration.ofMinutes(-5), ""),
        "duration");
    assertInvalid(() -> maintenance.start(kim, Set.of(checkout), Duration.ofHours(3), ""),
        "duration");
    Instant now = clock.instant();
    assertInvalid(() -> maintenance.schedule(kim, Set.of(checkout), now.plusSeconds(600),
        now.plusSeconds(300), ""), "end");
    assertInvalid(() -> maintenance.schedule(kim, Set.of(checkout), now.minusSeconds(3600),
        now.plusSeconds(300), ""), "start");
    maintenance.start(kim, Set.of(checkout), Duration.ofMinutes(30), "");
    assertInvalid(() -> maintenance.schedule(kim, Set.of(tools, checkout), now.plusSeconds(600),
        now.plusSeconds(3000), ""), "start");
    assertThat(maintenance.history(100)).hasSize(1);
    assertThat(audit.recent(null, 100)).extracting(AuditEntry::action)
        .containsExactly("maintenance.start");
  }

  @Test
  void atMostFiveWindowsScheduledAhead() {
    Instant t = clock.instant().plus(Duration.ofDays(1));
    for (int i = 0; i < MaintenanceService.MAX_SCHEDULED; i++) {
      Instant start = t.plus(Duration.ofHours(2L * i));
      maintenance.schedule(kim, Set.of(checkout), start, start.plus(Duration.ofHours(1)), "");
    }
    assertInvalid(() -> maintenance.schedule(kim, Set.of(tools), t, t.plusSeconds(60), ""),
        "start");
    assertThat(maintenance.current()).hasSize(5);
  }

  @Test
  void cancellingAScheduledWindowKeepsItInHistory() {
    Instant start = clock.instant().plus(Duration.ofHours(1));
    MaintenanceWindow w =
        maintenance.schedule(kim, Set.of(checkout), start, start.plusSeconds(600), "later");
    assertThat(w.status(clock.instant())).isEqualTo(MaintenanceWindow.Status.SCHEDULED);
    MaintenanceWindow cancelled = maintenance.end(kim, w.id());
    assertThat(cancelled.status(clock.instant())).isEqualTo(MaintenanceWindow.Status.CANCELLED);
    clock.advance(Duration.ofHours(1));
    assertThat(maintenance.inMaintenance(checkout)).isFalse();
    assertThat(maintenance.current()).isEmpty();
    assertThat(maintenance.history(10)).extracting(MaintenanceWindow::reason)
        .containsExactly("later");
    assertThat(audit.recent("maintenance:" + w.id(), 10)).extracting(AuditEntry::action)
        .containsExactly("maintenance.cancel", "maintenance.schedule");
  }

  @Test
  void previewListsWhatTheWindowWouldSilence() {
    Incident open = alert("prom", "checkout slow");
    alert("prom", "checkout slower");
    alert("grafana", "wiki");
    clock.advance(Duration.ofMinutes(61));
    alert("prom", "checkout slowest");

    Preview preview = maintenance.preview(Set.of(checkout), Duration.ofMinutes(30));
    assertThat(preview.services()).extracting(s -> s.id().value()).containsExactly("checkout");
    assertThat(preview.integrations()).containsExactly(new IntegrationId("prom"));
    assertThat(preview.openIncidents()).hasSize(3).extracting(Incident::id).contains(open.id());
    assertThat(preview.alertsLastHour()).isEqualTo(1);
    assertThat(maintenance.history(10)).isEmpty();
  }

  static void assertInvalid(Runnable call, String field) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(Problem.class, p -> {
      assertThat(p.kind()).isEqualTo(Problem.Kind.INVALID);
      assertThat(p.field()).contains(field);
    });
  }
}
