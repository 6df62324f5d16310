package dev.clarion.workflow.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clarion.api.Commands;
import dev.clarion.app.RunningClarion;
import dev.clarion.audit.Actor;
import dev.clarion.incident.Incident;
import dev.clarion.incident.NewIncident;
import dev.clarion.incident.TimelineEntry;
import dev.clarion.incident.Urgency;
import dev.clarion.runbook.RunId;
import dev.clarion.runbook.RunStatus;
import dev.clarion.runbook.RunbookRun;
import dev.clarion.service.ServiceId;
import dev.clarion.store.jdbc.TestDatabases;
import dev.clarion.testkit.FakeChat;
import dev.clarion.testkit.SettableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operaton.bpm.model.bpmn.Bpmn;

/**
 * Command steps: only allow-listed programs run, with their arguments as a list and no shell, and
 * are stopped at their timeout; a secret passed as an argument never shows in the timeline.
 */
class RunbookCommandStepIT {
  static final String SECRET = "s3cr3t-for-echo";

  @TempDir Path dir;

  private final FakeChat chat = new FakeChat("slack");
  private RunningClarion clarion;

  @BeforeEach
  void start() throws IOException {
    write("say", "echo", List.of("hello; rm -rf /tmp/x", "{{secret:token}}"));
    write("forbidden", "rm", List.of("-rf", "/tmp/x"));
    write("slow", "sleep", List.of("30"));
    String yaml = RunbooksIT.yaml(TestDatabases.h2Url(), dir)
        .replace("restart_token: " + RunbooksIT.RESTART_TOKEN, "token: " + SECRET);
    clarion = RunningClarion.start(yaml, new SettableClock(Instant.parse("2026-03-02T09:00:00Z")),
        List.of(chat));
    await().atMost(Duration.ofSeconds(60)).until(() -> clarion.server().escalations().isReady());
  }

  @AfterEach
  void stop() {
    clarion.close();
  }

  private void write(String id, String command, List<String> args) throws IOException {
    var builder = Bpmn.createExecutableProcess("runbook-" + id).startEvent("start")
        .serviceTask("run-it").name("Run " + command).operatonDelegateExpression("${runbookCommand}")
        .operatonInputParameter("command", command);
    var model = builder.endEvent("end").done();
    // Arguments as a camunda:list, one value each: nothing is split or interpreted by a shell.
    String xml = Bpmn.convertToString(model).replace(
        "<operaton:inputParameter name=\"command\">" + command + "</operaton:inputParameter>",
        "<operaton:inputParameter name=\"command\">" + command + "</operaton:inputParameter>"
            + "<operaton:inputParameter name=\"args\"><operaton:list>"
            + String.join("", args.stream().map(a -> "<operaton:value>" + a + "</operaton:value>")
                .toList())
            + "</operaton:list></operaton:inputParameter>");
    Files.writeString(dir.resolve(id + ".bpmn"), xml);
    Files.writeString(dir.resolve(id + ".yml"), "description: test\nauthor: test\n"
        + "last_updated: 2026-11-23\nescalation_poc: test\n");
  }

  private RunbookRun runAndAwait(String runbook, Incident incident, RunStatus status) {
    Commands.Result result = chat.press("U-KIM", "runbook run " + runbook + " " + incident.id());
    assertThat(result.ok()).as(result.text()).isTrue();
    Matcher m = Pattern.compile("Run #(\\d+)").matcher(result.text());
    assertThat(m.find()).isTrue();
    RunId id = new RunId(Long.parseLong(m.group(1)));
    await().atMost(Duration.ofSeconds(30))
        .until(() -> clarion.server().runbooks().get(id).status() == status);
    return clarion.server().runbooks().get(id);
  }

  private String timeline(Incident incident) {
    return String.join("\n", clarion.server().incidents().timeline(incident.id()).stream()
        .filter(e -> e.kind() == TimelineEntry.Kind.RUNBOOK).map(TimelineEntry::message).toList());
  }

  private Incident open() {
    return clarion.server().incidents().open(new NewIncident(new ServiceId("checkout"), "disk full",
        "host-1", Urgency.HIGH, Optional.empty(), false, Map.of()), Actor.system("test"), "test");
  }

  @Test
  void anAllowedCommandRunsWithoutAShellAndItsSecretArgumentIsMasked() {
    Incident incident = open();
    runAndAwait("say", incident, RunStatus.SUCCEEDED);
    String lines = timeline(incident);
    // echo got "hello; rm -rf /tmp/x" as one argument: printed, not run.
    assertThat(lines).contains("said hello; rm -rf /tmp/x ••••").doesNotContain(SECRET);
    assertThat(clarion.get("/api/v1/audit", clarion.token("admin")).body()).doesNotContain(SECRET);
  }

  @Test
  void aCommandNotOnTheAllowlistIsRefusedAndAudited() {
    Incident incident = open();
    RunbookRun run = runAndAwait("forbidden", incident, RunStatus.FAILED);
    assertThat(run.detail()).hasValueSatisfying(d ->
        assertThat(d).contains("command 'rm' is not in runbooks.commands; nothing was run"));
    assertThat(clarion.get("/api/v1/audit?target=runbook-run:" + run.id(), clarion.token("admin"))
        .body()).contains("runbook.step.refused");
  }

  @Test
  void aCommandPastItsTimeoutIsStoppedAndTheRunFails() {
    Incident incident = open();
    RunbookRun run = runAndAwait("slow", incident, RunStatus.FAILED);
    assertThat(run.detail()).hasValueSatisfying(d ->
        assertThat(d).contains("'sleep 30' did not finish within 1 s and was stopped"));
  }
}
