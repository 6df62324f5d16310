package dev.clarion.cli;

import static dev.clarion.cli.CliRun.clarion;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clarion runbook validate}: ok for the shipped runbooks, exit 2 naming file and problem. */
class RunbookCommandTest {
  @TempDir Path dir;

  @Test
  void theShippedRunbooksAreValidAgainstTheShippedConfiguration() {
    CliRun run = clarion("runbook", "validate", "../runbooks", "-c", "../config/clarion.yml");
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("restart-service.bpmn: ok (restart-service, 6 steps)")
        .contains("db-failover, 8 steps, playbook").contains("3 runbook(s) valid");
  }

  @Test
  void aBadRunbookFailsWithItsFileAndTheProblem() throws IOException {
    String bpmn = Files.readString(Path.of("../runbooks/restart-service.bpmn"))
        .replace("runbook-restart-service", "runbook-bad")
        .replace("${runbookNotify}", "${runbookSsh}");
    Files.writeString(dir.resolve("bad.bpmn"), bpmn);
    Files.writeString(dir.resolve("bad.yml"), "description: x\nauthor: me\nlast_updated: today\n");
    CliRun run = clarion("runbook", "validate", dir.toString(), "-c", dir.resolve("none.yml").toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains(dir.resolve("bad.bpmn") + ": serviceTask 'announce': unknown step"
        + " type 'runbookSsh'").contains(dir.resolve("bad.yml")
        + ": missing required field 'escalation_poc'");
  }
}
