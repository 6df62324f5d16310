package dev.clarion.workflow.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarion.config.ClarionConfig;
import dev.clarion.config.ConfigLoader;
import dev.clarion.config.ConfiguredDirectory;
import dev.clarion.escalation.EscalationPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Policies are checked before anything is deployed; errors name the file and the element. */
class PolicyValidationTest {
  @TempDir Path dir;

  private static final String PEOPLE = EscalationHarness.PEOPLE;

  private List<PolicyCatalog.Policy> load(String yaml) {
    ClarionConfig config = ConfigLoader.parse(PEOPLE + yaml, "test.yml", Map.of());
    ConfiguredDirectory d = new ConfiguredDirectory(config);
    return PolicyCatalog.load(config.escalationPolicies(), Optional.of(dir), d.services(),
        d.users(), d.teams(), EscalationHarness.scheduleIds(config), java.util.Set.of("office"));
  }

  private String compiled(String name) {
    ClarionConfig config = ConfigLoader.parse(PEOPLE + """
        escalation_policies:
          - id: %s
            steps:
              - { users: [kim], wait_minutes: 5 }
              - { teams: [sre], wait_minutes: 5 }
        """.formatted(name), "test.yml", Map.of());
    return PolicyCompiler.toXml(config.escalationPolicies().get(0));
  }

  private void write(String name, String xml) throws IOException {
    Files.writeString(dir.resolve(name + ".bpmn"), xml);
  }

  @Test
  void compilingIsDeterministicAndWritesTheCamundaNamespaceWithADiagram() {
    String xml = compiled("p");
    assertThat(xml).isEqualTo(compiled("p"));
    assertThat(xml)
        .contains("xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\"")
        .contains("camunda:delegateExpression=\"${notify}\"")
        .contains("camunda:historyTimeToLive=\"P30D\"")
        .contains("<bpmndi:BPMNShape bpmnElement=\"step-2\"")
        .contains("<dc:Bounds")
        .doesNotContain("operaton");
  }

  @Test
  void eachStepsWaitIsSkippedWhenItPagedNobody() {
    String xml = compiled("p");
    assertThat(xml)
        .contains("<exclusiveGateway id=\"paged-1\" name=\"Anyone paged?\">")
        .contains("sourceRef=\"paged-1\" targetRef=\"wait-1\"")
        .contains("sourceRef=\"paged-1\" targetRef=\"step-2\"")
        .contains("sourceRef=\"paged-2\" targetRef=\"unanswered\"")
        .contains("${!paged}</conditionExpression>")
        .contains("<bpmndi:BPMNShape bpmnElement=\"paged-2\"");
  }

  @Test
  void unknownSchedulesInAFileAreReported() throws IOException {
    write("p", compiled("p").replace(">user:kim<", ">schedule:platfrom<")
        .replace(">team:sre<", ">schedule:nights<"));
    assertThatThrownBy(() -> load(""))
        .isInstanceOf(PolicyException.class)
        .satisfies(e -> assertThat(((PolicyException) e).problems()).containsExactly(
            dir.resolve("p.bpmn") + ": notify task 'step-1': unknown schedule 'platfrom'"));
  }

  @Test
  void aValidFileAndAYamlPolicyLoad() throws IOException {
    write("by-hand", compiled("by-hand"));
    assertThat(load("escalation_policies:\n  - { id: yaml, steps: [{ users: [kim], wait_minutes: 1 }] }\n"))
        .extracting(PolicyCatalog.Policy::name).containsExactly("yaml", "by-hand");
  }

  @Test
  void unknownUsersAndTeamsInAFileAreReported() throws IOException {
    write("p", compiled("p").replace(">user:kim<", ">user:nobody<").replace(">team:sre<", ">random:ops<"));
    assertThatThrownBy(() -> load(""))
        .isInstanceOf(PolicyException.class)
        .satisfies(e -> assertThat(((PolicyException) e).problems()).containsExactly(
            dir.resolve("p.bpmn") + ": notify task 'step-1': unknown user 'nobody'",
            dir.resolve("p.bpmn") + ": notify task 'step-2': unknown team 'ops'"));
  }

  @Test
  void aStepWithoutAWaitIsReported() throws IOException {
    // Route step-1's "someone was paged" flow straight to step-2, skipping wait-1.
    String xml = compiled("p").replace("sourceRef=\"paged-1\" targetRef=\"wait-1\"",
        "sourceRef=\"paged-1\" targetRef=\"step-2\"");
    write("p", xml);
    assertThatThrownBy(() -> load(""))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("step 'step-1' is followed by 'step-2' without a wait");
  }

  @Test
  void anUnknownServiceTaskTypeIsReported() throws IOException {
    write("p", compiled("p").replaceFirst("\\$\\{notify}", "\\${sendSms}"));
    assertThatThrownBy(() -> load(""))
        .hasMessageContaining("service task 'step-1' has unknown type 'sendSms' (known: assign,"
            + " businessHours, notify)");
  }

  @Test
  void aWrongProcessIdAndABrokenFileAreReported() throws IOException {
    write("p", compiled("other"));
    write("q", "<definitions");
    assertThatThrownBy(() -> load(""))
        .hasMessageContaining("p.bpmn: must hold exactly one process, with id 'escalation-p'")
        .hasMessageContaining("q.bpmn: not valid BPMN");
  }

  @Test
  void anUnreachableEndIsReported() throws IOException {
    write("p", compiled("p")
        .replace("sourceRef=\"wait-2\" targetRef=\"unanswered\"",
            "sourceRef=\"wait-2\" targetRef=\"step-1\"")
        .replace("sourceRef=\"paged-2\" targetRef=\"unanswered\"",
            "sourceRef=\"paged-2\" targetRef=\"step-1\""));
    assertThatThrownBy(() -> load(""))
        .hasMessageContaining("no end event is reachable from the start event");
  }

  @Test
  void aServiceWithAnUnknownPolicyIsReported() {
    ClarionConfig config = ConfigLoader.parse(PEOPLE.replace("  - id: checkout",
        "  - id: checkout\n    escalation_policy: missing"), "test.yml", Map.of());
    ConfiguredDirectory d = new ConfiguredDirectory(config);
    assertThatThrownBy(() -> PolicyCatalog.load(List.<EscalationPolicy>of(), Optional.of(dir),
        d.services(), d.users(), d.teams(), EscalationHarness.scheduleIds(config)))
        .hasMessageContaining("service 'checkout' uses escalation policy 'missing'");
  }

  @Test
  void unknownBeansCalendarsAndTaskInputsInConditionsAndTasksAreReported() throws IOException {
    String xml = compiled("p")
        .replace("${paged}</conditionExpression>",
            "${busnessHours.isOpen('office') and businessHours.isOpen('ofice')}</conditionExpression>")
        .replace("camunda:delegateExpression=\"${notify}\">",
            "camunda:delegateExpression=\"${businessHours}\">");
    write("p", xml);
    assertThatThrownBy(() -> load(""))
        .isInstanceOf(PolicyException.class)
        .satisfies(e -> assertThat(((PolicyException) e).problems())
            .contains(dir.resolve("p.bpmn") + ": businessHours task 'step-1' needs a 'calendar'"
                + " input naming a calendar from clarion.yml")
            .anyMatch(p -> p.contains("calls unknown bean 'busnessHours'"))
            .anyMatch(p -> p.contains("unknown calendar 'ofice' (known: office)")));
  }

  @Test
  void anAssignTaskWithUnknownTargetsIsReported() throws IOException {
    write("p", compiled("p").replaceFirst("camunda:delegateExpression=\"\\$\\{notify}\"",
        "camunda:delegateExpression=\"\\${assign}\"").replace(">user:kim<", ">user:ghost<"));
    assertThatThrownBy(() -> load(""))
        .hasMessageContaining("assign task 'step-1': unknown user 'ghost'");
  }

  @Test
  void aFileMarkedNotExecutableIsATemplateButAServiceCannotUseIt() throws IOException {
    write("example", compiled("example").replace("isExecutable=\"true\"", "isExecutable=\"false\"")
        .replace(">user:kim<", ">user:ghost<"));
    assertThat(load("")).isEmpty();
    assertThatThrownBy(() -> loadUsing("example"))
        .hasMessageContaining("service 'checkout' uses escalation policy 'example', but "
            + dir.resolve("example.bpmn") + " is not executable");
  }

  private List<PolicyCatalog.Policy> loadUsing(String policy) {
    ClarionConfig config = ConfigLoader.parse(PEOPLE.replace("  - id: checkout",
        "  - id: checkout\n    escalation_policy: " + policy), "test.yml", Map.of());
    ConfiguredDirectory d = new ConfiguredDirectory(config);
    return PolicyCatalog.load(List.of(), Optional.of(dir), d.services(), d.users(), d.teams(),
        EscalationHarness.scheduleIds(config));
  }
}
