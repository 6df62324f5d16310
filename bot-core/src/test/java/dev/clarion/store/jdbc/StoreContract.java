package dev.clarion.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarion.audit.Actor;
import dev.clarion.escalation.WorkflowCommand;
import dev.clarion.incident.DedupKey;
import dev.clarion.incident.Incident;
import dev.clarion.incident.IncidentFilter;
import dev.clarion.incident.IncidentService;
import dev.clarion.incident.IncidentStatus;
import dev.clarion.incident.Level;
import dev.clarion.incident.NewIncident;
import dev.clarion.incident.Priority;
import dev.clarion.incident.TimelineEntry;
import dev.clarion.incident.Urgency;
import dev.clarion.problem.Problem;
import dev.clarion.service.ServiceId;
import dev.clarion.testkit.SettableClock;
import dev.clarion.user.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every store adapter must have, run against H2 and PostgreSQL by the subclasses, so a
 * dialect gap fails a test instead of production.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContract {
  final SettableClock clock = SettableClock.atDefaultStart();
  Database db;
  JdbiIncidentStore incidents;
  JdbiAuditLog audit;
  JdbiWorkflowCommandStore outbox;
  IncidentService service;

  abstract Database open();

  @BeforeAll
  void start() {
    db = open();
    incidents = new JdbiIncidentStore(db);
    audit = new JdbiAuditLog(db);
    outbox = new JdbiWorkflowCommandStore(db);
    service = new IncidentService(incidents, audit, outbox,
        Fixtures.services(Fixtures.service("checkout", Level.HIGH), Fixtures.service("tools", Level.LOW)),
        db, clock);
  }

  @AfterAll
  void stop() {
    db.close();
  }

  private Incident openIncident(String service, String summary, Urgency urgency, String key) {
    return this.service.open(
        new NewIncident(new ServiceId(service), summary, "host-1", urgency,
            Optional.ofNullable(key).map(k -> new DedupKey("prom", k)), false,
            Map.of("region", "ap-northeast-2", "nested", Map.of("a", 1))),
        Actor.integration("prom"), "opened by test");
  }

  @Test
  void anIncidentLivesThroughTriggeredAcknowledgedResolved() {
    String key = UUID.randomUUID().toString();
    Incident opened = openIncident("checkout", "5xx above 5%", Urgency.HIGH, key);

    assertThat(opened.priority()).isEqualTo(Priority.P1);
    assertThat(incidents.findOpen(new DedupKey("prom", key))).map(Incident::id).contains(opened.id());

    clock.advance(Duration.ofMinutes(3));
    Incident acked = service.acknowledge(opened.id(), Actor.user("kim", "api"));
    assertThat(acked.status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    assertThat(acked.assignees()).containsExactly(new UserId("kim"));

    clock.advance(Duration.ofMinutes(5));
    service.resolve(opened.id(), Actor.user("kim", "api"));

    Incident stored = incidents.find(opened.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(stored.acknowledgedAt()).contains(opened.createdAt().plus(Duration.ofMinutes(3)));
    assertThat(stored.resolvedAt()).contains(opened.createdAt().plus(Duration.ofMinutes(8)));
    assertThat(stored.details()).containsEntry("region", "ap-northeast-2");
    assertThat(incidents.findOpen(new DedupKey("prom", key))).isEmpty();
    assertThat(service.timeline(opened.id())).extracting(TimelineEntry::kind).containsExactly(
        TimelineEntry.Kind.TRIGGERED, TimelineEntry.Kind.ACKNOWLEDGED, TimelineEntry.Kind.RESOLVED);
    assertThat(audit.recent("incident:" + opened.id(), 10)).extracting(a -> a.action())
        .containsExactly("incident.resolved", "incident.acknowledged", "incident.open");
  }

  @Test
  void aResolvedKeyCanOpenANewIncidentButTwoOpenOnesCannotShareIt() {
    String key = UUID.randomUUID().toString();
    Incident first = openIncident("checkout", "disk full", Urgency.MEDIUM, key);
    NewIncident again = new NewIncident(new ServiceId("checkout"), "disk full", "h", Urgency.MEDIUM,
        Optional.of(new DedupKey("prom", key)), false, Map.of());

    assertThatThrownBy(() -> db.inTransaction(() -> incidents.insert(again, Level.HIGH, Priority.P2, clock.instant())))
        .as("the unique index is the last line of defence against duplicate open incidents")
        .isInstanceOf(RuntimeException.class);

    service.resolve(first.id(), Actor.system("test"));
    Incident second = openIncident("checkout", "disk full", Urgency.MEDIUM, key);
    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(incidents.findOpen(new DedupKey("prom", key))).map(Incident::id).contains(second.id());
  }

  @Test
  void stateChangesAreRefusedWithAReasonAndChangeNothing() {
    Incident opened = openIncident("checkout", "queue backlog", Urgency.LOW, null);
    service.resolve(opened.id(), Actor.system("test"));

    assertThatThrownBy(() -> service.acknowledge(opened.id(), Actor.user("kim", "cli")))
        .isInstanceOf(Problem.class).hasMessage("incident " + opened.id() + " is already resolved");
    assertThatThrownBy(() -> service.acknowledge(new dev.clarion.incident.IncidentId(999_999), Actor.user("kim", "cli")))
        .isInstanceOf(Problem.class).hasMessage("incident 999999 does not exist");
    assertThat(service.timeline(opened.id())).hasSize(2);
  }

  @Test
  void listFiltersByStatusServiceUrgencyTimeAndText() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    clock.advance(Duration.ofHours(1));
    var from = clock.instant();
    Incident a = openIncident("checkout", "RDS 100%_busy " + tag, Urgency.HIGH, null);
    clock.advance(Duration.ofMinutes(1));
    Incident b = openIncident("tools", "rds replica lag " + tag, Urgency.LOW, null);
    clock.advance(Duration.ofMinutes(1));
    Incident c = openIncident("checkout", "cache miss storm " + tag, Urgency.MEDIUM, null);
    service.acknowledge(c.id(), Actor.user("lee", "api"));

    IncidentFilter all = new IncidentFilter(Set.of(), Optional.empty(), Set.of(), Optional.of(from),
        Optional.empty(), Optional.of(tag), 50);
    assertThat(incidents.list(all)).extracting(Incident::id).containsExactly(c.id(), b.id(), a.id());
    assertThat(incidents.list(withText(all, "rds " + tag))).isEmpty();
    assertThat(incidents.list(withText(all, "RDS"))).extracting(Incident::id).contains(a.id(), b.id()).doesNotContain(c.id());
    assertThat(incidents.list(withText(all, "100%_"))).extracting(Incident::id).containsExactly(a.id());
    assertThat(incidents.list(new IncidentFilter(Set.of(IncidentStatus.ACKNOWLEDGED), Optional.empty(),
        Set.of(), Optional.of(from), Optional.empty(), Optional.of(tag), 50))).extracting(Incident::id).containsExactly(c.id());
    assertThat(incidents.list(new IncidentFilter(Set.of(), Optional.of(new ServiceId("tools")), Set.of(),
        Optional.of(from), Optional.empty(), Optional.of(tag), 50))).extracting(Incident::id).containsExactly(b.id());
    assertThat(incidents.list(new IncidentFilter(Set.of(), Optional.empty(), Set.of(Urgency.HIGH, Urgency.MEDIUM),
        Optional.of(from), Optional.empty(), Optional.of(tag), 50))).extracting(Incident::id).containsExactly(c.id(), a.id());
    assertThat(incidents.list(new IncidentFilter(Set.of(), Optional.empty(), Set.of(), Optional.of(from),
        Optional.of(b.createdAt()), Optional.of(tag), 50))).extracting(Incident::id).containsExactly(a.id());
  }

  private static IncidentFilter withText(IncidentFilter f, String text) {
    return new IncidentFilter(f.statuses(), f.service(), f.urgencies(), f.from(), f.to(), Optional.of(text), f.limit());
  }

  @Test
  void everyChangeLeavesAWorkflowCommandForTheEscalationEngine() {
    Incident opened = openIncident("tools", "nightly job failed", Urgency.MEDIUM, null);
    service.acknowledge(opened.id(), Actor.user("kim", "api"));

    List<WorkflowCommand> pending = outbox.pending(1000).stream()
        .filter(w -> w.incident().equals(opened.id())).toList();
    assertThat(pending).extracting(WorkflowCommand::kind)
        .containsExactly(WorkflowCommand.Kind.START, WorkflowCommand.Kind.ACKNOWLEDGED);

    outbox.markApplied(pending.get(0).id(), clock.instant());
    outbox.markFailed(pending.get(1).id(), "engine down");
    List<WorkflowCommand> after = outbox.pending(1000).stream()
        .filter(w -> w.incident().equals(opened.id())).toList();
    assertThat(after).singleElement().satisfies(w -> {
      assertThat(w.kind()).isEqualTo(WorkflowCommand.Kind.ACKNOWLEDGED);
      assertThat(w.attempts()).isEqualTo(1);
    });
  }

  @Test
  void suppressedIncidentsAreRecordedButNotHandedToEscalation() {
    Incident opened = service.open(new NewIncident(new ServiceId("checkout"), "during maintenance", "h",
        Urgency.HIGH, Optional.empty(), true, Map.of()), Actor.integration("prom"), "opened by test");
    assertThat(incidents.find(opened.id())).map(Incident::suppressed).contains(true);
    assertThat(outbox.pending(1000)).noneMatch(w -> w.incident().equals(opened.id()));
  }

  @Test
  void tokensAreFoundByHashUntilRevoked() {
    JdbiTokenStore tokens = new JdbiTokenStore(db);
    String hash = UUID.randomUUID().toString().replace("-", "") + "00000000000000000000000000000000";
    var token = tokens.insert(new UserId("kim"), "laptop", hash, clock.instant());
    assertThat(tokens.findActiveByHash(hash)).map(t -> t.user()).contains(new UserId("kim"));
    assertThat(tokens.revoke(token.id())).isTrue();
    assertThat(tokens.findActiveByHash(hash)).isEmpty();
  }
}
