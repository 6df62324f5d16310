package dev.clarion.workflow.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.incident.IncidentId;
import dev.clarion.incident.TimelineEntry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Editing a policy while incidents run: they keep their version, new incidents get the new one. */
class PolicyDeploymentTest {
  private EscalationHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void anUnchangedPolicyIsNotRedeployedAndAChangedOneOnlyAppliesToNewIncidents() {
    h = new EscalationHarness(CompiledPolicyTest.POLICIES, Optional.empty());
    PolicyCatalog.Policy v1 = PolicyCatalog.load(h.config.escalationPolicies(), Optional.empty(),
            h.directory.services(), h.directory.users(), h.directory.teams(),
            EscalationHarness.scheduleIds(h.config)).stream()
        .filter(p -> p.name().equals("two-steps")).findFirst().orElseThrow();
    assertThat(PolicyDeployment.deploy(h.processEngine(), List.of(v1)))
        .extracting(PolicyDeployment.Result::describe).containsExactly("unchanged (version 1)");

    IncidentId before = h.open("two-steps");
    h.awaitAt(before, "wait-1");

    PolicyCatalog.Policy v2 = new PolicyCatalog.Policy("two-steps", "edited",
        v1.xml().replace(">user:kim<", ">user:choi<").replace(">PT15M<", ">PT5M<"));
    assertThat(PolicyDeployment.deploy(h.processEngine(), List.of(v2)))
        .extracting(PolicyDeployment.Result::describe).containsExactly("deployed as version 2");

    IncidentId after = h.open("two-steps");
    h.awaitAt(after, "wait-1");
    assertThat(h.pages(after).get(0).message()).startsWith("step-1 (round 1): paged choi");

    h.at(Duration.ofMinutes(5));
    h.awaitPagesThenAt(after, 2, "wait-2");
    assertThat(h.activeActivities(before)).as("v1 still waits 15 minutes").containsExactly("wait-1");
    h.at(Duration.ofMinutes(15));
    h.awaitPagesThenAt(before, 2, "wait-2");
    assertThat(h.pages(before)).extracting(TimelineEntry::message).containsExactly(
        "step-1 (round 1): paged kim [user:kim]",
        "step-2 (round 1): paged lee, park, kim [team:sre, previous]");
  }
}
