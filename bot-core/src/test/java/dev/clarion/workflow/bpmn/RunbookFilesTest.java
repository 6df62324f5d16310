package dev.clarion.workflow.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.runbook.Runbook;
import dev.clarion.service.ServiceId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped runbooks are valid; a broken one is refused with its file and the problem. */
class RunbookFilesTest {
  static final Path SHIPPED = Path.of("../runbooks");

  @TempDir Path dir;

  @Test
  void theShippedRunbooksLoadWithTheirSeed003FieldsAndSteps() {
    List<RunbookFiles.Loaded> loaded = RunbookFiles.load(SHIPPED,
        Optional.of(Set.of(new ServiceId("checkout"), new ServiceId("payments-db"))));
    assertThat(loaded).extracting(l -> l.runbook().id().value())
        .containsExactly("collect-diagnostics", "db-failover", "restart-service");
    Runbook failover = loaded.get(1).runbook();
    assertThat(failover.isPlaybook()).isTrue();
    assertThat(failover.stakeholders()).isNotEmpty();
    assertThat(failover.communicationPlan()).isNotBlank();
    assertThat(failover.steps()).extracting(Runbook.Step::type)
        .contains("http", "approval", "prompt", "notify");
    Runbook restart = loaded.get(2).runbook();
    assertThat(restart.steps()).extracting(Runbook.Step::type)
        .containsExactly("http", "approval", "http", "wait", "http", "notify");
    assertThat(restart.author()).isNotBlank();
    assertThat(restart.escalationPoc()).isNotBlank();
    // Prepared for the engine: each service task its own transaction, listeners attached.
    assertThat(loaded.get(2).xml()).contains("asyncBefore=\"true\"").contains("${runbookWait}")
        .contains("${runbookEnd}");
  }

  @Test
  void unknownStepTypesMissingInputsAndMissingFieldsAreNamedWithTheirFile() throws IOException {
    String bpmn = Files.readString(SHIPPED.resolve("collect-diagnostics.bpmn"))
        .replace("runbook-collect-diagnostics", "runbook-broken")
        .replaceFirst("\\$\\{runbookHttp}", "\\${runbookShell}")
        .replace("<camunda:inputParameter name=\"url\">${base_url}/services/${service}/metrics"
            + "?window=15m</camunda:inputParameter>", "");
    Files.writeString(dir.resolve("broken.bpmn"), bpmn);
    Files.writeString(dir.resolve("broken.yml"), "id: broken\ndescription: x\nauthor: me\n"
        + "colour: blue\nservices: [nowhere]\n");
    Files.writeString(dir.resolve("lonely.bpmn"), bpmn.replace("runbook-broken", "runbook-lonely"));

    List<String> problems = RunbookFiles.validate(dir, Optional.of(Set.of(new ServiceId("checkout"))));

    assertThat(problems).anySatisfy(p -> assertThat(p).contains("broken.bpmn")
        .contains("unknown step type 'runbookShell'"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("broken.bpmn")
        .contains("'error-rate'").contains("missing required input 'url'"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("broken.yml")
        .contains("missing required field 'last_updated'"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("broken.yml")
        .contains("unknown field 'colour'"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("broken.yml")
        .contains("no service 'nowhere'"));
    assertThat(problems).anySatisfy(p -> assertThat(p).contains("lonely.bpmn")
        .contains("no lonely.yml"));
  }
}
