package dev.clarion.cli;

import static dev.clarion.cli.CliRun.clarion;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clarion policy compile|simulate} against a small configuration. */
class PolicyCommandTest {
  @TempDir Path dir;

  private Path config() throws IOException {
    Path file = dir.resolve("clarion.yml");
    Files.writeString(file, """
        services:
          - { id: checkout, escalation_policy: oncall }
        users:
          - { id: kim, email: kim@example.com }
          - { id: lee, email: lee@example.com }
        teams:
          - { id: sre, members: [kim, lee] }
        escalation_policies:
          - id: oncall
            steps:
              - { users: [kim], wait_minutes: 15 }
              - { teams: [sre], wait_minutes: 30 }
        """);
    return file;
  }

  @Test
  void compileWritesTheBpmnFile() throws IOException {
    Path workflows = dir.resolve("workflows");
    CliRun run = clarion("policy", "compile", "oncall", "-c", config().toString(),
        "--workflows", workflows.toString());
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("wrote " + workflows.resolve("oncall.bpmn"));
    assertThat(Files.readString(workflows.resolve("oncall.bpmn")))
        .contains("<process id=\"escalation-oncall\"");
  }

  @Test
  void compileNamesTheKnownPoliciesForAnUnknownOne() throws IOException {
    CliRun run = clarion("policy", "compile", "nope", "-c", config().toString(),
        "--workflows", dir.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("no escalation policy 'nope'").contains("(defined: oncall)");
  }

  @Test
  void simulatePrintsWhoIsPagedWhenForAService() throws IOException {
    CliRun run = clarion("policy", "simulate", "checkout", "--start", "2026-03-02T09:00",
        "--ack-after", "20m", "-c", config().toString(), "--workflows", dir.toString());
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains(
        "  +0:00  2026-03-02T09:00:00Z  step-1 (round 1): paged kim [user:kim]",
        "  +0:15  2026-03-02T09:15:00Z  step-2 (round 1): paged kim, lee [team:sre]",
        "  +0:20  2026-03-02T09:20:00Z  acknowledged; escalation stops");
  }
}
