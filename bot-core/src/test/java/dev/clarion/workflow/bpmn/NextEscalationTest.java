package dev.clarion.workflow.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.escalation.NextEscalation;
import dev.clarion.escalation.WorkflowCommand;
import dev.clarion.incident.IncidentId;
import dev.clarion.user.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The incident's "next escalation": when, which step, whom (schedules resolved at that time). */
class NextEscalationTest {
  private static final String POLICY =
      """
      escalation_policies:
        - id: three
          steps:
            - { users: [lee], wait_minutes: 10 }
            - { schedules: [platform], wait_minutes: 10 }
            - { teams: [sre], random_member_of: [noc], wait_minutes: 10 }
          end_on: acknowledged
      """;

  private EscalationHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void showsEachNextStepWithWhoItWillPageThenNothingAfterTheLast() {
    h = new EscalationHarness(POLICY, Optional.empty());
    IncidentId id = h.open("three");
    h.awaitAt(id, "wait-1");

    NextEscalation next = h.next(id).orElseThrow();
    assertThat(next.at()).isEqualTo(EscalationHarness.T0.plus(Duration.ofMinutes(10)));
    assertThat(next.step()).isEqualTo(2);
    assertThat(next.round()).isEqualTo(1);
    assertThat(next.targets()).singleElement().satisfies(t -> {
      assertThat(t.kind()).isEqualTo("schedule");
      assertThat(t.name()).isEqualTo("platform");
      assertThat(t.via()).contains("schedule platform");
      assertThat(t.people()).extracting(NextEscalation.Person::id).containsExactly(new UserId("kim"));
    });
    assertThat(next.line(java.time.ZoneId.of("Asia/Seoul"), EscalationHarness.T0))
        .isEqualTo("18:10 → kim via schedule platform");

    h.at(Duration.ofMinutes(10));
    h.awaitPagesThenAt(id, 2, "wait-2");
    next = h.next(id).orElseThrow();
    assertThat(next.step()).isEqualTo(3);
    assertThat(next.at()).isEqualTo(EscalationHarness.T0.plus(Duration.ofMinutes(20)));
    assertThat(next.targets()).extracting(NextEscalation.NextTarget::describe)
        .containsExactly("lee, park via team sre", "a random member of team noc");

    h.at(Duration.ofMinutes(20));
    h.awaitPagesThenAt(id, 3, "wait-3");
    assertThat(h.next(id)).as("after the last step only the end remains").isEmpty();
  }

  @Test
  void eachPageShowsTheStepAfterItAlreadyWhileItRuns() {
    h = new EscalationHarness(POLICY, Optional.empty());
    IncidentId id = h.open("three");
    h.awaitAt(id, "wait-1");
    h.at(Duration.ofMinutes(10));
    h.awaitPagesThenAt(id, 2, "wait-2");
    h.at(Duration.ofMinutes(20));
    h.awaitPagesThenAt(id, 3, "wait-3");
    assertThat(h.nextAtPage).containsExactly(
        "09:10 → kim via schedule platform",
        "09:20 → lee, park via team sre; a random member of team noc",
        "");
  }

  @Test
  void nothingNextOnceAcknowledgedOrResolved() {
    h = new EscalationHarness(POLICY, Optional.empty());
    IncidentId id = h.open("three");
    h.awaitAt(id, "wait-1");
    h.markAcknowledged(id);
    assertThat(h.next(id)).as("the acknowledgement is on its way to the engine").isEmpty();
    h.send(id, WorkflowCommand.Kind.ACKNOWLEDGED);
    assertThat(h.next(id)).isEmpty();
  }

  @Test
  void aPolicyThatEndsOnResolveStillShowsTheNextStepWhenAcknowledged() {
    h = new EscalationHarness(POLICY.replace("end_on: acknowledged", "end_on: resolved"),
        Optional.empty());
    IncidentId id = h.open("three");
    h.awaitAt(id, "wait-1");
    h.markAcknowledged(id);
    h.send(id, WorkflowCommand.Kind.ACKNOWLEDGED);
    assertThat(h.next(id)).map(NextEscalation::step).contains(2);
    assertThat(List.of(h.next(id).orElseThrow().targets().get(0).kind())).containsExactly("schedule");
  }
}
