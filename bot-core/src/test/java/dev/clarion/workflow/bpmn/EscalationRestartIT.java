package dev.clarion.workflow.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clarion.app.RunningClarion;
import dev.clarion.audit.Actor;
import dev.clarion.incident.IncidentId;
import dev.clarion.incident.NewIncident;
import dev.clarion.incident.TimelineEntry;
import dev.clarion.incident.Urgency;
import dev.clarion.service.ServiceId;
import dev.clarion.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operaton.bpm.engine.impl.util.ClockUtil;

/**
 * Timers survive a restart: the server stops with a step pending, the clock moves past it, and the
 * restarted server runs the overdue step within 30 s, once. Moves the engine's JVM-wide clock, so
 * it runs in the integration-test JVM, where no other test starts an engine concurrently.
 */
class EscalationRestartIT {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  @TempDir Path dir;

  @AfterEach
  void resetEngineClock() {
    ClockUtil.reset();
  }

  private String yaml() {
    String url = "jdbc:h2:file:" + dir.resolve("clarion").toAbsolutePath();
    return RunningClarion.standardYaml(url, "sa")
            .replace("  - id: checkout\n    impact: high\n",
                "  - id: checkout\n    impact: high\n    escalation_policy: restart\n")
        + """
        escalation_policies:
          - id: restart
            steps:
              - { users: [kim], wait_minutes: 5 }
              - { teams: [sre], wait_minutes: 5 }
        """;
  }

  @Test
  void overdueStepsRunOnceWithin30SecondsOfARestart() {
    SettableClock clock = new SettableClock(T0);
    ClockUtil.setCurrentTime(Date.from(T0));
    IncidentId id;
    try (RunningClarion first = RunningClarion.start(yaml(), clock)) {
      assertThat(first.server().escalations().state()).isIn("starting", "up");
      id = first.server().incidents().open(
          new NewIncident(new ServiceId("checkout"), "disk full", "test", Urgency.HIGH,
              Optional.empty(), false, Map.of()), Actor.system("test"), "opened by test").id();
      await().atMost(Duration.ofSeconds(60)).until(() -> pages(first, id).size() == 1);
      Jdbi jdbi = Jdbi.create(first.server().database().dataSource());
      await().atMost(Duration.ofSeconds(10)).until(() -> jdbi.withHandle(h -> h.createQuery(
          "SELECT count(*) FROM workflow_command WHERE applied_at IS NULL")
          .mapTo(Integer.class).one()) == 0);
      assertThat(first.server().escalations().state()).isEqualTo("up");
    }

    // Down for 10 minutes: step 2 (due at +5 min) is overdue when the server comes back.
    clock.set(T0.plus(Duration.ofMinutes(10)));
    ClockUtil.setCurrentTime(Date.from(clock.instant()));

    try (RunningClarion second = RunningClarion.start(yaml(), clock)) {
      long restarted = System.nanoTime();
      await().atMost(Duration.ofSeconds(30)).until(() -> pages(second, id).size() >= 2);
      Duration took = Duration.ofNanos(System.nanoTime() - restarted);
      BpmnEscalationEngine engine = (BpmnEscalationEngine) second.server().escalations();
      await().atMost(Duration.ofSeconds(10)).until(() -> engine.engine().map(e ->
          e.getRuntimeService().createProcessInstanceQuery()
              .processInstanceBusinessKey(String.valueOf(id.value())).list().stream()
              .flatMap(p -> e.getRuntimeService().getActiveActivityIds(p.getId()).stream())
              .toList().contains("wait-2")).orElse(false));
      List<TimelineEntry> pages = pages(second, id);
      assertThat(pages).extracting(TimelineEntry::message).containsExactly(
          "step-1 (round 1): paged kim [user:kim]",
          "step-2 (round 1): paged admin, kim [team:sre]");
      assertThat(pages.get(1).at()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
      System.out.println("overdue step ran " + took.toMillis() + " ms after the restart began");
    }
  }

  private static List<TimelineEntry> pages(RunningClarion clarion, IncidentId id) {
    return clarion.server().incidents().timeline(id).stream()
        // The escalation's own entries; delivery adds its per-destination NOTIFIED entries too.
        .filter(e -> e.actor().equals("escalation"))
        .filter(e -> e.kind() == TimelineEntry.Kind.NOTIFIED
            || e.kind() == TimelineEntry.Kind.ESCALATED)
        .toList();
  }
}
