package dev.clarion.workflow.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.api.Commands;
import dev.clarion.app.RunningClarion;
import dev.clarion.audit.Actor;
import dev.clarion.incident.Incident;
import dev.clarion.incident.IncidentId;
import dev.clarion.incident.NewIncident;
import dev.clarion.incident.TimelineEntry;
import dev.clarion.incident.Urgency;
import dev.clarion.runbook.RunId;
import dev.clarion.runbook.RunStatus;
import dev.clarion.runbook.RunbookId;
import dev.clarion.runbook.RunbookRun;
import dev.clarion.service.ServiceId;
import dev.clarion.testkit.FakeChat;
import dev.clarion.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operaton.bpm.engine.impl.util.ClockUtil;

/**
 * Each shipped runbook end to end on a real server, driven from chat (FakeChat) and the API against
 * a loopback fake of the admin API: four-eyes approval, a refused self-approval, a failing step
 * retried, a restart while a run waits for approval, and secrets that never reach the timeline or
 * the audit log. Moves the engine's JVM-wide clock, so it runs in the integration-test JVM.
 */
class RunbooksIT {
  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final String RESTART_TOKEN = "s3cr3t-restart-token";
  static final String DB_TOKEN = "s3cr3t-db-admin-token";

  @TempDir Path dir;

  private final SettableClock clock = new SettableClock(T0);
  private final FakeServiceApi api = new FakeServiceApi();
  private final List<RunningClarion> started = new ArrayList<>();
  private FakeChat chat;
  private RunningClarion clarion;

  @BeforeEach
  void engineClock() {
    ClockUtil.setCurrentTime(Date.from(T0));
    api.answer("GET /services/checkout/health", 200, "{\"status\":\"ok\"}")
        .answer("POST /services/checkout/restart", 202, "{\"restarting\":true}");
  }

  @AfterEach
  void stop() {
    started.forEach(RunningClarion::close);
    api.close();
    ClockUtil.reset();
  }

  static String yaml(String databaseUrl, Path runbooks) {
    return """
        server: { host: 127.0.0.1, port: 0 }
        database: { url: "%s" }
        channels: { templates_dir: ../templates }
        services:
          - id: checkout
            impact: high
          - id: payments-db
            impact: high
        users:
          - { id: admin, name: Admin, email: admin@example.com, role: admin, chat: { slack: U-ADMIN } }
          - { id: kim, name: Kim Minji, email: kim@example.com, role: responder, chat: { slack: U-KIM } }
          - { id: lee, name: Lee, email: lee@example.com, role: responder, chat: { slack: U-LEE } }
        runbooks:
          directory: "%s"
          http:
            allow_hosts: [127.0.0.1]
          secrets:
            restart_token: %s
            db_admin_token: %s
          commands:
            - { name: echo, executable: /bin/echo, args: [said], timeout_seconds: 5 }
            - { name: sleep, executable: /bin/sleep, timeout_seconds: 1 }
        """.formatted(databaseUrl, runbooks.toAbsolutePath(), RESTART_TOKEN, DB_TOKEN);
  }

  private RunningClarion start(String databaseUrl, Path runbooks) {
    chat = new FakeChat("slack");
    clarion = RunningClarion.start(yaml(databaseUrl, runbooks), clock, List.of(chat));
    started.add(clarion);
    await().atMost(Duration.ofSeconds(60)).until(() -> clarion.server().escalations().isReady());
    return clarion;
  }

  private RunningClarion startShipped() {
    return start(dev.clarion.store.jdbc.TestDatabases.h2Url(), Path.of("../runbooks"));
  }

  private Incident open(String service, Map<String, Object> details) {
    return clarion.server().incidents().open(new NewIncident(new ServiceId(service),
        "checkout 5xx", "lb-1", Urgency.HIGH, Optional.empty(), false, details),
        Actor.system("test"), "test");
  }

  private static RunId runNumber(Commands.Result result) {
    Matcher m = Pattern.compile("Run #(\\d+)").matcher(result.text());
    assertThat(m.find()).as(result.text()).isTrue();
    return new RunId(Long.parseLong(m.group(1)));
  }

  private RunbookRun awaitStatus(RunId id, RunStatus status) {
    await().atMost(Duration.ofSeconds(30)).until(
        () -> clarion.server().runbooks().get(id).status() == status);
    return clarion.server().runbooks().get(id);
  }

  private List<String> timeline(IncidentId id) {
    return clarion.server().incidents().timeline(id).stream()
        .filter(e -> e.kind() == TimelineEntry.Kind.RUNBOOK).map(TimelineEntry::message).toList();
  }

  private JsonNode audit(RunId id) {
    return clarion.get("/api/v1/audit?target=runbook-run:" + id, clarion.token("admin")).json()
        .path("entries");
  }

  /** Once the run waits at restart-service's 30-second settle timer, lets it fire. */
  private void passSettleTime() {
    var engine = ((BpmnEscalationEngine) clarion.server().escalations()).engine().orElseThrow();
    await().atMost(Duration.ofSeconds(30)).until(
        () -> engine.getManagementService().createJobQuery().timers().count() > 0);
    ClockUtil.setCurrentTime(Date.from(T0.plusSeconds(31)));
  }

  @Test
  void restartServiceNeedsASecondPersonsApprovalThenRestartsWithTheSecretAndReportsEachStep() {
    startShipped();
    Incident incident = open("checkout", Map.of());
    assertThat(clarion.server().runbooks().linkedTo(incident)).extracting(RunbookId::value)
        .contains("restart-service", "collect-diagnostics");

    Commands.Result started = chat.press("U-KIM",
        "runbook run restart-service " + incident.id() + " base_url=" + api.baseUrl());
    assertThat(started.ok()).as(started.text()).isTrue();
    RunId run = runNumber(started);
    RunbookRun waiting = awaitStatus(run, RunStatus.WAITING_APPROVAL);
    assertThat(waiting.detail()).hasValueSatisfying(q -> assertThat(q).contains("Restart checkout?"));
    assertThat(api.requests("POST /services/checkout/restart")).isEmpty();

    // The buttons chat shows on the waiting run run the same commands people can type.
    Commands.Result shown = chat.press("U-LEE", "runbook show-run " + run);
    assertThat(shown.actions()).extracting(Commands.Action::commandLine)
        .containsExactly("runbook approve " + run, "runbook deny " + run);

    Commands.Result self = chat.press("U-KIM", "runbook approve " + run);
    assertThat(self.ok()).isFalse();
    assertThat(self.text()).contains("someone else must approve");
    assertThat(clarion.server().runbooks().get(run).status()).isEqualTo(RunStatus.WAITING_APPROVAL);
    assertThat(audit(run)).anySatisfy(e -> {
      assertThat(e.path("action").asText()).isEqualTo("runbook.approval.refused");
      assertThat(e.path("actor").asText()).isEqualTo("user:kim via slack");
    });

    Commands.Result approved = chat.press("U-LEE", "runbook approve " + run);
    assertThat(approved.ok()).as(approved.text()).isTrue();
    await().atMost(Duration.ofSeconds(30))
        .until(() -> api.requests("POST /services/checkout/restart").size() == 1);
    FakeServiceApi.Request restart = api.requests("POST /services/checkout/restart").get(0);
    assertThat(restart.authorization()).isEqualTo("Bearer " + RESTART_TOKEN);
    assertThat(restart.body()).contains("\"requested_by\": \"kim\"").contains("\"approved_by\": \"lee\"");

    passSettleTime();
    awaitStatus(run, RunStatus.SUCCEEDED);
    assertThat(api.requests("GET /services/checkout/health")).hasSize(2);
    List<String> lines = timeline(incident.id());
    assertThat(String.join("\n", lines))
        .contains("Runbook restart-service (run #" + run + ") started by Kim Minji")
        .contains("waits for approval")
        .contains("cannot approve run #" + run)
        .contains("approved by Lee")
        .contains("POST " + api.baseUrl() + "/services/checkout/restart → 202")
        .contains("checkout was restarted (approved by lee) and is healthy again")
        .contains("finished")
        .doesNotContain(RESTART_TOKEN);
    assertThat(audit(run).toString()).doesNotContain(RESTART_TOKEN)
        .contains("runbook.run.started").contains("runbook.approved").contains("runbook.run.succeeded");
  }

  @Test
  void collectDiagnosticsPostsTheFactsFromSeveralCallsIntoTheIncident() {
    startShipped();
    api.answer("GET /services/checkout/metrics", 200,
            "{\"error_rate\":0.12,\"latency\":{\"p99_ms\":840}}")
        .answer("GET /services/checkout/errors", 200,
            "{\"errors\":[{\"message\":\"upstream timeout: payments\"}]}")
        .answer("GET /services/checkout/deploys", 200, "{\"deploys\":[{\"version\":\"v42\"}]}");
    Incident incident = open("checkout", Map.of());
    String token = clarion.token("kim");

    RunningClarion.Response response = clarion.post("/api/v1/runbooks/collect-diagnostics/runs",
        "{\"incident\": " + incident.id().value() + ", \"parameters\": {\"base_url\": \""
            + api.baseUrl() + "\"}}", token);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    RunId run = new RunId(response.json().path("run").path("number").asLong());

    awaitStatus(run, RunStatus.SUCCEEDED);
    assertThat(String.join("\n", timeline(incident.id()))).contains(
        "Diagnostics for checkout: health 200, error rate 0.12, p99 840 ms, last deploy v42,"
            + " top error: upstream timeout: payments");
    JsonNode runs = clarion.get("/api/v1/runbooks/runs?incident=" + incident.id().value(), token)
        .json().path("runs");
    assertThat(runs).hasSize(1);
    assertThat(runs.get(0).path("status").asText()).isEqualTo("succeeded");
  }

  @Test
  void dbFailoverAsksAboutLagNeedsAnAdminAndNotifiesStakeholders() {
    startShipped();
    api.answer("GET /clusters/payments-db/replica", 200, "{\"lag_seconds\": 12}")
        .answer("POST /clusters/payments-db/failover", 200, "{\"promoted\":\"db-2\"}")
        .answer("GET /clusters/payments-db/primary", 200, "{\"primary\":\"db-2\"}");
    Incident incident = open("payments-db", Map.of());
    assertThat(clarion.server().runbooks().linkedTo(incident)).extracting(RunbookId::value)
        .containsExactly("db-failover");

    RunId run = runNumber(chat.press("U-KIM", "runbook run db-failover " + incident.id()
        + " base_url=" + api.baseUrl() + " stakeholders=admin"));
    RunbookRun asked = awaitStatus(run, RunStatus.WAITING_INPUT);
    assertThat(asked.choices()).containsExactly("failover", "abort");
    assertThat(asked.detail()).hasValueSatisfying(q -> assertThat(q).contains("lag of payments-db is 12 s"));
    Commands.Result shown = chat.press("U-KIM", "runbook show-run " + run);
    assertThat(shown.actions()).extracting(Commands.Action::commandLine)
        .containsExactly("runbook answer " + run + " failover", "runbook answer " + run + " abort");

    assertThat(chat.press("U-KIM", "runbook answer " + run + " maybe").text())
        .contains("not one of failover, abort");
    assertThat(chat.press("U-KIM", "runbook answer " + run + " failover").ok()).isTrue();
    awaitStatus(run, RunStatus.WAITING_APPROVAL);

    Commands.Result responder = chat.press("U-LEE", "runbook approve " + run);
    assertThat(responder.ok()).isFalse();
    assertThat(responder.text()).contains("needs the admin role");
    assertThat(chat.press("U-ADMIN", "runbook approve " + run).ok()).isTrue();

    awaitStatus(run, RunStatus.SUCCEEDED);
    assertThat(api.requests("POST /clusters/payments-db/failover").get(0).authorization())
        .isEqualTo("Bearer " + DB_TOKEN);
    assertThat(String.join("\n", timeline(incident.id())))
        .contains("Failover of payments-db starts now (approved by admin)")
        .contains("Failover of payments-db is done: the primary is now db-2")
        .doesNotContain(DB_TOKEN);
    // The stakeholder is paged about the incident through their chat.
    await().atMost(Duration.ofSeconds(20)).until(() -> chat.posts().stream()
        .anyMatch(m -> m.destination().equals("U-ADMIN")));
    // Every message names the incident's runbooks, for chat to offer a Run button each.
    assertThat(chat.posts().stream().filter(m -> m.destination().equals("U-ADMIN")).findFirst()
        .orElseThrow().fields()).containsEntry("RUNBOOKS", "db-failover");
  }

  @Test
  void aFailingStepStopsTheRunWithTheErrorAndRetryRunsItAgainFromThere() {
    startShipped();
    api.answer("POST /services/checkout/restart", 500, "{\"error\":\"orchestrator busy\"}");
    Incident incident = open("checkout", Map.of());
    RunId run = runNumber(chat.press("U-KIM",
        "runbook run restart-service " + incident.id() + " base_url=" + api.baseUrl()));
    awaitStatus(run, RunStatus.WAITING_APPROVAL);
    chat.press("U-ADMIN", "runbook approve " + run);

    RunbookRun failed = awaitStatus(run, RunStatus.FAILED);
    assertThat(failed.step()).contains("restart");
    assertThat(failed.detail()).hasValueSatisfying(d -> assertThat(d).contains("answered 500")
        .contains("orchestrator busy"));
    assertThat(String.join("\n", timeline(incident.id())))
        .contains("failed at step 'Restart the service'").contains("runbook retry " + run);
    assertThat(chat.press("U-KIM", "runbook show-run " + run).actions())
        .extracting(Commands.Action::commandLine).contains("runbook retry " + run);
    // One attempt only: the engine does not retry a failed step on its own.
    assertThat(api.requests("POST /services/checkout/restart")).hasSize(1);

    api.answer("POST /services/checkout/restart", 202, "{\"restarting\":true}");
    Commands.Result retried = chat.press("U-KIM", "runbook retry " + run);
    assertThat(retried.ok()).as(retried.text()).isTrue();
    await().atMost(Duration.ofSeconds(30))
        .until(() -> api.requests("POST /services/checkout/restart").size() == 2);
    passSettleTime();
    awaitStatus(run, RunStatus.SUCCEEDED);
    // The health check before the approval is not repeated: the run went on from the failed step.
    assertThat(api.requests("GET /services/checkout/health")).hasSize(2);
    assertThat(audit(run).toString()).contains("runbook.step.failed").contains("runbook.retried");
  }

  @Test
  void aRunWaitingForApprovalSurvivesARestartAndGoesOnWhenApproved() {
    String url = "jdbc:h2:file:" + dir.resolve("clarion").toAbsolutePath();
    start(url, Path.of("../runbooks"));
    Incident incident = open("checkout", Map.of());
    RunId run = runNumber(chat.press("U-KIM",
        "runbook run restart-service " + incident.id() + " base_url=" + api.baseUrl()));
    awaitStatus(run, RunStatus.WAITING_APPROVAL);
    clarion.close();
    started.remove(clarion);

    start(url, Path.of("../runbooks"));
    assertThat(clarion.server().runbooks().get(run).status()).isEqualTo(RunStatus.WAITING_APPROVAL);
    RunningClarion.Response approved = clarion.post("/api/v1/runbooks/runs/" + run + "/approve", "{}",
        clarion.token("admin"));
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30))
        .until(() -> api.requests("POST /services/checkout/restart").size() == 1);
    passSettleTime();
    awaitStatus(run, RunStatus.SUCCEEDED);
  }

  @Test
  void deniedRunsStopAndHostsOffTheAllowlistAreRefused() {
    startShipped();
    Incident incident = open("checkout", Map.of("custom_details", Map.of("runbook", "db-failover")));
    assertThat(clarion.server().runbooks().linkedTo(incident)).extracting(RunbookId::value)
        .containsExactly("db-failover", "collect-diagnostics", "restart-service");

    RunId denied = runNumber(chat.press("U-KIM",
        "runbook run restart-service " + incident.id() + " base_url=" + api.baseUrl()));
    awaitStatus(denied, RunStatus.WAITING_APPROVAL);
    assertThat(chat.press("U-LEE", "runbook deny " + denied + " not during the sale").ok()).isTrue();
    assertThat(clarion.server().runbooks().get(denied).status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(api.requests("POST /services/checkout/restart")).isEmpty();

    int before = api.requestCount();
    RunId refused = runNumber(chat.press("U-KIM",
        "runbook run collect-diagnostics " + incident.id() + " base_url=" + api.baseUrlByName()));
    RunbookRun failed = awaitStatus(refused, RunStatus.FAILED);
    assertThat(failed.detail()).hasValueSatisfying(d -> assertThat(d)
        .contains("host 'localhost' is not in runbooks.http.allow_hosts"));
    assertThat(api.requestCount()).isEqualTo(before);
    assertThat(audit(refused)).anySatisfy(e ->
        assertThat(e.path("action").asText()).isEqualTo("runbook.step.refused"));
  }
}
