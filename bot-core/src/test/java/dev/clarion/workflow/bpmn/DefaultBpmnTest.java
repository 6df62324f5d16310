package dev.clarion.workflow.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.escalation.WorkflowCommand;
import dev.clarion.incident.IncidentId;
import dev.clarion.incident.TimelineEntry;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** workflows/escalation/default.bpmn: every responder, every 15 minutes, three times, until ack. */
class DefaultBpmnTest {
  private EscalationHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void pagesEveryResponderEveryFifteenMinutesThreeTimesThenStops() {
    h = new EscalationHarness("", Optional.of(EscalationHarness.workflowsDir()));
    IncidentId id = h.open("default");
    h.awaitAt(id, "wait-1");
    assertThat(h.pages(id)).extracting(TimelineEntry::message)
        .containsExactly("step-1 (round 1): paged kim, lee, park, choi [everyone]");

    h.at(Duration.ofMinutes(15));
    h.awaitPagesThenAt(id, 2, "wait-1");
    h.at(Duration.ofMinutes(30));
    h.awaitPagesThenAt(id, 3, "wait-1");
    assertThat(h.pages(id)).extracting(TimelineEntry::message)
        .containsExactly(
            "step-1 (round 1): paged kim, lee, park, choi [everyone]",
            "step-1 (round 2): paged kim, lee, park, choi [everyone]",
            "step-1 (round 3): paged kim, lee, park, choi [everyone]");
    h.at(Duration.ofMinutes(45));
    h.awaitEnded(id);
    assertThat(h.pages(id)).hasSize(3);
  }

  @Test
  void acknowledgingStopsIt() {
    h = new EscalationHarness("", Optional.of(EscalationHarness.workflowsDir()));
    IncidentId id = h.open("default");
    h.awaitAt(id, "wait-1");
    h.at(Duration.ofMinutes(10));
    h.send(id, WorkflowCommand.Kind.ACKNOWLEDGED);
    assertThat(h.running(id)).isFalse();
    h.at(Duration.ofHours(1));
    assertThat(h.pages(id)).hasSize(1);
  }

  @Test
  void whenNobodyCanBePagedItDoesNotWaitBeforeTheNextRound() {
    // A configuration without responders: "everyone" resolves to nobody.
    var config = dev.clarion.config.ConfigLoader.parse("""
        users:
          - { id: vera, email: vera@example.com, role: viewer }
        """, "test.yml", java.util.Map.of());
    var d = new dev.clarion.config.ConfiguredDirectory(config);
    PolicyCatalog.Policy policy = PolicyCatalog.load(java.util.List.of(),
            Optional.of(EscalationHarness.workflowsDir()), d.services(), d.users(), d.teams(),
            java.util.Set.of()).stream()
        .filter(p -> p.name().equals("default")).findFirst().orElseThrow();
    var events = EscalationSimulator.simulate(policy, d.users(), d.teams(),
        (schedule, at) -> java.util.List.of(), EscalationHarness.T0, Optional.empty(),
        new java.util.Random(1));
    assertThat(events).extracting(e -> e.at().toString().substring(11, 16) + " " + e.what())
        .containsExactly(
            "09:00 step-1 (round 1): paged nobody (no target resolved to a user) [everyone]",
            "09:00 step-1 (round 2): paged nobody (no target resolved to a user) [everyone]",
            "09:00 step-1 (round 3): paged nobody (no target resolved to a user) [everyone]",
            "09:00 escalation ends: nobody acknowledged");
  }
}
