package dev.clarion.cli;

import static dev.clarion.cli.CliRun.clarion;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.app.RunningClarion;
import dev.clarion.store.jdbc.TestDatabases;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The command line against a running server, as an operator would use it. */
class CliIT {
  private static RunningClarion clarion;
  private static String url;

  @BeforeAll
  static void start() {
    clarion =
        RunningClarion.start(
            RunningClarion.standardYaml(TestDatabases.h2Url(), "sa"), Clock.systemUTC());
    url = clarion.base().toString();
  }

  @AfterAll
  static void stop() {
    if (clarion != null) {
      clarion.close();
    }
  }

  @Test
  void sendsAStandardAlertAndPrintsTheIncident() throws IOException {
    CliRun run =
        clarion(
            "alert",
            "send",
            "--server",
            url,
            "--key",
            "standard-key-123",
            "--summary",
            "RDS CPU",
            "--event-id",
            "x1");

    assertThat(run.exit()).as(run.toString()).isZero();
    JsonNode reply = RunningClarion.JSON.readTree(run.out());
    assertThat(reply.path("result").asText()).isEqualTo("created");
    assertThat(reply.path("incident").asLong()).isPositive();
    assertThat(reply.path("dedup_key").asText()).isEqualTo("x1");
  }

  @Test
  void sendsAnAlertmanagerFixtureFile() throws IOException {
    Path fixture = Path.of(System.getProperty("clarion.fixtures"), "alertmanager-v4-firing.json");

    CliRun run =
        clarion(
            "alert",
            "send",
            "--server",
            url,
            "--format",
            "alertmanager",
            "--key",
            "alertmanager-key-123",
            fixture.toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(RunningClarion.JSON.readTree(run.out()).path("status").asText())
        .isEqualTo("accepted");
  }

  @Test
  void aWrongIntegrationKeyExits2WithTheServersReason() {
    CliRun run =
        clarion("alert", "send", "--server", url, "--key", "no-such-key", "--summary", "x");

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("HTTP 404").contains("no integration has this key");
  }

  @Test
  void listsAcknowledgesAndRefusesASecondAcknowledgement() throws IOException {
    String number = openIncident("Disk full on build-7", "cli-ack");
    String token = clarion.token("kim");

    CliRun list = clarion("incident", "list", "--server", url, "--token", token);
    assertThat(list.exit()).as(list.toString()).isZero();
    assertThat(list.out()).containsPattern("#" + number + " +triggered .*Disk full on build-7");

    CliRun ack = clarion("incident", "ack", number, "--server", url, "--token", token);
    assertThat(ack.exit()).as(ack.toString()).isZero();
    assertThat(ack.out()).contains("status acknowledged");

    CliRun again = clarion("incident", "ack", number, "--server", url, "--token", token);
    assertThat(again.exit()).as(again.toString()).isEqualTo(2);
    assertThat(again.err()).contains("already acknowledged");
  }

  @Test
  void aViewerCannotAcknowledge() throws IOException {
    String number = openIncident("Queue depth high", "cli-viewer");
    String token = clarion.token("viewer");

    CliRun run = clarion("incident", "ack", number, "--server", url, "--token", token);

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("needs the responder role");
    assertThat(
            clarion
                .get("/api/v1/incidents/" + number, clarion.token("admin"))
                .json()
                .path("status")
                .asText())
        .isEqualTo("triggered");
  }

  @Test
  void anUnknownTokenExits2() {
    CliRun run = clarion("incident", "list", "--server", url, "--token", "clr_not-a-real-token");

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("unknown or revoked token");
  }

  private static String openIncident(String summary, String eventId) throws IOException {
    CliRun run =
        clarion(
            "alert",
            "send",
            "--server",
            url,
            "--key",
            "standard-key-123",
            "--summary",
            summary,
            "--event-id",
            eventId);
    assertThat(run.exit()).as(run.toString()).isZero();
    return RunningClarion.JSON.readTree(run.out()).path("incident").asText();
  }
}
