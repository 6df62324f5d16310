package dev.clarion.cli;

import static dev.clarion.cli.CliRun.clarion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clarion.app.RunningClarion;
import dev.clarion.testkit.FreePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line without a server: help, config validation, exit codes and messages. */
class CliTest {
  @TempDir Path dir;

  @Test
  void helpListsEveryCommand() {
    CliRun run = clarion("--help");

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("serve", "demo", "config", "alert", "incident", "token");
  }

  @Test
  void validatesAGoodConfiguration() throws IOException {
    Path file = dir.resolve("clarion.yml");
    Files.writeString(file, RunningClarion.standardYaml("jdbc:h2:mem:cli", "sa"));

    CliRun run = clarion("config", "validate", file.toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains(file + " is valid: 3 services, 1 teams, 3 users, 6 integrations");
  }

  @Test
  void validatesTheBundledConfiguration() {
    // config/clarion.yml arrives with the config branch; until it is merged there is nothing to
    // check.
    Path bundled = Path.of("..", "config", "clarion.yml");
    assumeTrue(Files.isRegularFile(bundled), "no " + bundled + " on this branch");

    CliRun run = clarion("config", "validate", bundled.toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("is valid");
  }

  @Test
  void aBrokenConfigurationExits2AndNamesFileLineAndColumn() throws IOException {
    Path file = dir.resolve("broken.yml");
    Files.writeString(
        file,
        """
        server:
          host: 127.0.0.1
          port: eighty
        """);

    CliRun run = clarion("config", "validate", file.toString());

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("invalid configuration").contains(file + ":3:9: server.port");
  }

  @Test
  void aMissingConfigurationFileExits2() {
    CliRun run = clarion("config", "validate", dir.resolve("absent.yml").toString());

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("absent.yml not found");
  }

  @Test
  void anUnknownSubcommandExits2() {
    CliRun run = clarion("incidnet", "list");

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("incidnet");
  }

  @Test
  void anIncidentCommandWithoutATokenExits2AndSaysHowToGiveOne() {
    assumeTrue(System.getenv("CLARION_TOKEN") == null, "CLARION_TOKEN is set in this environment");

    CliRun run = clarion("incident", "ack", "1");

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("--token").contains("CLARION_TOKEN");
  }

  @Test
  void aServerThatIsNotRunningExits1() {
    String nobody = "http://127.0.0.1:" + FreePort.onLoopback();

    CliRun run = clarion("incident", "list", "--server", nobody, "--token", "t");

    assertThat(run.exit()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains("cannot reach Clarion at " + nobody);
  }
}
