package dev.clarion.cli;

import static dev.clarion.cli.CliRun.clarion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clarion.app.RunningClarion;
import dev.clarion.store.jdbc.TestDatabases;
import dev.clarion.testkit.FreePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploying escalation policies into a running server: {@code POST /api/v1/policies/deploy} and
 * {@code clarion policy deploy}, which goes through it. A bad policy replaces nothing.
 */
class PolicyDeployIT {
  private static final String PEOPLE = """
      server: { host: 127.0.0.1, port: 0 }
      database: { url: "%s" }
      escalation: { watch: false }
      services:
        - { id: checkout, escalation_policy: by-hand }
      users:
        - { id: admin, email: admin@example.com, role: admin }
        - { id: kim, email: kim@example.com, role: responder }
        - { id: lee, email: lee@example.com, role: responder }
      escalation_policies:
        - id: source
          steps:
            - { users: [kim], wait_minutes: 5 }
      """;

  @TempDir Path workflows;
  private RunningClarion clarion;
  private String bpmn;

  @BeforeEach
  void start() throws IOException {
    var config = dev.clarion.config.ConfigLoader.parse(PEOPLE.formatted("jdbc:h2:mem:x"),
        "x.yml", java.util.Map.of());
    bpmn = dev.clarion.workflow.bpmn.PolicyCompiler.toXml(config.escalationPolicies().get(0))
        .replace("escalation-source", "escalation-by-hand");
    Files.writeString(workflows.resolve("by-hand.bpmn"), bpmn);
    clarion = RunningClarion.start(PEOPLE.formatted(TestDatabases.h2Url()), Clock.systemUTC(),
        List.of(), workflows);
    await().atMost(Duration.ofSeconds(90))
        .until(() -> clarion.server().escalations().isReady());
  }

  @AfterEach
  void stop() {
    clarion.close();
  }

  private RunningClarion.Response deploy(String token) {
    return clarion.post("/api/v1/policies/deploy", "{}", token);
  }

  @Test
  void theApiDeploysAChangedFileAsANewVersionAndRejectsABadOneReplacingNothing() throws IOException {
    String admin = clarion.token("admin");
    var unchanged = deploy(admin);
    assertThat(unchanged.status()).isEqualTo(200);
    assertThat(unchanged.json().path("deployed").findValuesAsText("policy"))
        .containsExactlyInAnyOrder("source", "by-hand");
    assertThat(unchanged.json().path("deployed").findValues("changed"))
        .allMatch(changed -> !changed.asBoolean());

    Files.writeString(workflows.resolve("by-hand.bpmn"), bpmn.replace(">user:kim<", ">user:lee<"));
    var changed = deploy(admin);
    assertThat(changed.status()).isEqualTo(200);
    var byHand = changed.json().path("deployed").get(1);
    assertThat(byHand.path("policy").asText()).isEqualTo("by-hand");
    assertThat(byHand.path("changed").asBoolean()).isTrue();
    assertThat(byHand.path("version").asInt()).isEqualTo(2);

    Files.writeString(workflows.resolve("by-hand.bpmn"), bpmn.replace(">user:kim<", ">user:ghost<"));
    Files.writeString(workflows.resolve("extra.bpmn"), "<definitions");
    var rejected = deploy(admin);
    assertThat(rejected.status()).isEqualTo(422);
    assertThat(rejected.json().path("error").path("message").asText())
        .contains("nothing was replaced");
    assertThat(rejected.json().path("problems").toString())
        .contains("by-hand.bpmn: notify task 'step-1': unknown user 'ghost'")
        .contains("extra.bpmn: not valid BPMN");

    // Put version 2 back: it is still the latest, nothing was deployed in between.
    Files.delete(workflows.resolve("extra.bpmn"));
    Files.writeString(workflows.resolve("by-hand.bpmn"), bpmn.replace(">user:kim<", ">user:lee<"));
    var again = deploy(admin).json().path("deployed").get(1);
    assertThat(again.path("changed").asBoolean()).isFalse();
    assertThat(again.path("version").asInt()).isEqualTo(2);

    assertThat(deploy(clarion.token("kim")).status()).as("responders may not deploy").isEqualTo(403);
  }

  @Test
  void theCliDeploysThroughTheRunningServer() throws IOException {
    String server = clarion.base().toString();
    String admin = clarion.token("admin");
    Files.writeString(workflows.resolve("by-hand.bpmn"), bpmn.replace(">user:kim<", ">user:lee<"));
    CliRun ok = clarion("policy", "deploy", "--server", server, "--token", admin);
    assertThat(ok.exit()).as(ok.toString()).isZero();
    assertThat(ok.out()).contains(workflows.resolve("by-hand.bpmn") + ": deployed as version 2")
        .contains("clarion.yml policy 'source': unchanged (version 1)");

    Files.writeString(workflows.resolve("by-hand.bpmn"), bpmn.replace(">user:kim<", ">user:ghost<"));
    CliRun bad = clarion("policy", "deploy", "--server", server, "--token", admin);
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("invalid escalation policies, nothing deployed")
        .contains("unknown user 'ghost'");

    CliRun nobody = clarion("policy", "deploy", "--server", "http://127.0.0.1:" + FreePort.onLoopback(),
        "--token", admin);
    assertThat(nobody.exit()).isEqualTo(1);
    assertThat(nobody.err()).contains("cannot reach Clarion at http://127.0.0.1:")
        .contains("with Clarion stopped, deploy into its database with --direct");
  }
}
