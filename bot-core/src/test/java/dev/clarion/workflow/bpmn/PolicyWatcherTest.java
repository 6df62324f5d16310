package dev.clarion.workflow.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clarion.config.ConfigLoader;
import dev.clarion.escalation.PolicyDeployer;
import dev.clarion.incident.IncidentId;
import dev.clarion.incident.TimelineEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editing a file in the workflows directory deploys it as a new version for new incidents;
 * running incidents keep theirs; a bad edit replaces nothing.
 */
class PolicyWatcherTest {
  @TempDir Path dir;
  private EscalationHarness h;
  private PolicyWatcher watcher;

  @AfterEach
  void close() {
    if (watcher != null) {
      watcher.close();
    }
    if (h != null) {
      h.close();
    }
  }

  private static String compiled(String steps) {
    var config = ConfigLoader.parse(EscalationHarness.PEOPLE + """
        escalation_policies:
          - id: p
            steps:
        """ + steps, "test.yml", Map.of());
    return PolicyCompiler.toXml(config.escalationPolicies().get(0));
  }

  private int version(IncidentId id) {
    var engine = h.processEngine();
    String definition = engine.getRuntimeService().createProcessInstanceQuery()
        .processInstanceBusinessKey(String.valueOf(id.value())).singleResult()
        .getProcessDefinitionId();
    return engine.getRepositoryService().getProcessDefinition(definition).getVersion();
  }

  private Optional<Integer> deployedVersion(PolicyDeployer.Outcome outcome) {
    return outcome == null ? Optional.empty() : outcome.deployed().stream()
        .filter(d -> d.policy().equals("p")).map(PolicyDeployer.Deployed::version).findFirst();
  }

  @Test
  void anEditedFileIsDeployedForNewIncidentsWhileRunningOnesKeepTheirVersion() throws IOException {
    Files.writeString(dir.resolve("p.bpmn"), compiled("""
              - { users: [kim], wait_minutes: 5 }
              - { teams: [sre], wait_minutes: 5 }
        """));
    h = new EscalationHarness("", Optional.of(dir));
    PolicyReloader reloader = new PolicyReloader(
        () -> PolicyCatalog.load(h.config.escalationPolicies(), Optional.of(dir),
            h.directory.services(), h.directory.users(), h.directory.teams(),
            EscalationHarness.scheduleIds(h.config)),
        () -> Optional.of(h.engine), deployed -> {});
    watcher = PolicyWatcher.start(dir, reloader);

    IncidentId running = h.open("p");
    h.awaitAt(running, "wait-1");
    assertThat(version(running)).isEqualTo(1);

    Files.writeString(dir.resolve("p.bpmn"), compiled("""
              - { users: [lee], wait_minutes: 5 }
              - { users: [choi], wait_minutes: 5 }
        """));
    await().atMost(Duration.ofSeconds(30))
        .until(() -> deployedVersion(watcher.lastOutcome()).orElse(0) == 2);

    IncidentId fresh = h.open("p");
    h.awaitAt(fresh, "wait-1");
    assertThat(version(fresh)).isEqualTo(2);
    assertThat(h.pages(fresh)).extracting(TimelineEntry::message)
        .containsExactly("step-1 (round 1): paged lee [user:lee]");

    h.at(Duration.ofMinutes(5));
    h.awaitPagesThenAt(running, 2, "wait-2");
    assertThat(h.pages(running)).extracting(TimelineEntry::message).containsExactly(
        "step-1 (round 1): paged kim [user:kim]",
        "step-2 (round 1): paged lee, park [team:sre]");

    // A bad edit: reported, nothing replaced.
    Files.writeString(dir.resolve("p.bpmn"), compiled("""
              - { users: [kim], wait_minutes: 5 }
        """).replace(">user:kim<", ">user:ghost<"));
    await().atMost(Duration.ofSeconds(30))
        .until(() -> watcher.lastOutcome() != null && !watcher.lastOutcome().ok());
    assertThat(watcher.lastOutcome().problems())
        .containsExactly(dir.resolve("p.bpmn") + ": notify task 'step-1': unknown user 'ghost'");
    assertThat(h.processEngine().getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("escalation-p").latestVersion().singleResult().getVersion())
        .isEqualTo(2);
  }
}
