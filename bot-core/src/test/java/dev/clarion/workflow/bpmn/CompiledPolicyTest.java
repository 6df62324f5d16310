package dev.clarion.workflow.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.escalation.WorkflowCommand;
import dev.clarion.incident.IncidentId;
import dev.clarion.incident.TimelineEntry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** YAML policies compiled to BPMN and run by the real engine on a moved clock. */
class CompiledPolicyTest {
  static final String POLICIES =
      """
      escalation_policies:
        - id: two-steps
          end_on: acknowledged
          steps:
            - { users: [kim], wait_minutes: 15 }
            - { teams: [sre], previous_responders: true, wait_minutes: 30 }
        - id: until-resolved
          end_on: resolved
          repeat: 2
          final_notification: true
          steps:
            - { users: [kim], wait_minutes: 10 }
            - { random_member_of: [noc], wait_minutes: 10 }
      """;

  private EscalationHarness harness;

  @AfterEach
  void close() {
    if (harness != null) {
      harness.close();
    }
  }

  private EscalationHarness harness() {
    harness = new EscalationHarness(POLICIES, Optional.empty());
    return harness;
  }

  @Test
  void eachStepFiresAtItsTimeOnce() {
    EscalationHarness h = harness();
    IncidentId id = h.open("two-steps");
    h.awaitAt(id, "wait-1");
    assertThat(messages(h, id)).containsExactly("step-1 (round 1): paged kim [user:kim]");
    assertThat(h.pages(id).get(0).kind()).isEqualTo(TimelineEntry.Kind.NOTIFIED);

    h.at(Duration.ofMinutes(14).plusSeconds(59));
    h.send(id, WorkflowCommand.Kind.REASSIGNED); // a no-op command: the timer must not move
    assertThat(h.activeActivities(id)).containsExactly("wait-1");

    h.at(Duration.ofMinutes(15));
    h.awaitAt(id, "wait-2");
    assertThat(messages(h, id))
        .containsExactly(
            "step-1 (round 1): paged kim [user:kim]",
            "step-2 (round 1): paged lee, park, kim [team:sre, previous]");
    assertThat(h.pages(id).get(1).kind()).isEqualTo(TimelineEntry.Kind.ESCALATED);

    h.at(Duration.ofMinutes(45));
    h.awaitEnded(id);
    assertThat(h.pages(id)).hasSize(2);
  }

  @Test
  void escalateNowRunsTheNextStepAtOnceAndARedeliveryDoesNotSkipAnother() {
    EscalationHarness h = harness();
    IncidentId id = h.open("two-steps");
    h.awaitAt(id, "wait-1");
    h.at(Duration.ofMinutes(3));
    h.send(id, WorkflowCommand.Kind.ESCALATE_NOW, 42);
    h.awaitPagesThenAt(id, 2, "wait-2");
    h.send(id, WorkflowCommand.Kind.ESCALATE_NOW, 42); // the relay re-delivers the same command
    var jobs = h.processEngine().getManagementService().createJobQuery().timers().list();
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0).getDuedate().toInstant())
        .isEqualTo(EscalationHarness.T0.plus(Duration.ofMinutes(33)));
  }

  @Test
  void aStepTheEngineRunsAgainAfterACrashPagesOnce() {
    EscalationHarness h = harness();
    IncidentId id = h.open("two-steps");
    h.awaitAt(id, "wait-1");
    h.crashAfterNextCommit.set(true);
    h.at(Duration.ofMinutes(15));
    // The timer job fails after step 2's page committed; the engine retries the job, which runs
    // step 2 again: it must find the page recorded and not page a second time.
    h.awaitPagesThenAt(id, 2, "wait-2");
    assertThat(h.crashAfterNextCommit).isFalse();
    assertThat(h.pages(id)).hasSize(2);
    int recorded = org.jdbi.v3.core.Jdbi.create(h.db.dataSource()).withHandle(handle -> handle
        .createQuery("SELECT count(*) FROM escalation_page").mapTo(Integer.class).one());
    assertThat(recorded).isEqualTo(2);
  }

  @Test
  void acknowledgingStopsFurtherSteps() {
    EscalationHarness h = harness();
    IncidentId id = h.open("two-steps");
    h.awaitAt(id, "wait-1");
    h.send(id, WorkflowCommand.Kind.ACKNOWLEDGED);
    h.send(id, WorkflowCommand.Kind.ACKNOWLEDGED); // re-delivered: nothing to correlate is fine
    assertThat(h.running(id)).isFalse();
    h.at(Duration.ofHours(2));
    h.send(id, WorkflowCommand.Kind.START); // re-delivered START must not start it again
    assertThat(h.running(id)).isFalse();
    assertThat(h.pages(id)).hasSize(1);
  }

  @Test
  void acknowledgingDoesNotStopAPolicyThatEndsOnResolveButResolvingDoes() {
    EscalationHarness h = harness();
    IncidentId id = h.open("until-resolved");
    h.awaitAt(id, "wait-1");
    h.send(id, WorkflowCommand.Kind.ACKNOWLEDGED);
    assertThat(h.running(id)).isTrue();
    h.at(Duration.ofMinutes(10));
    h.awaitAt(id, "wait-2");
    h.send(id, WorkflowCommand.Kind.RESOLVED);
    assertThat(h.running(id)).isFalse();
    assertThat(h.pages(id)).hasSize(2);
  }

  @Test
  void repeatsTheListThenSendsTheFinalNotificationToEveryone() {
    EscalationHarness h = harness();
    IncidentId id = h.open("until-resolved");
    h.awaitAt(id, "wait-1");
    h.at(Duration.ofMinutes(10));
    h.awaitAt(id, "wait-2");
    h.at(Duration.ofMinutes(20));
    h.awaitAt(id, "wait-1");
    assertThat(h.pages(id)).hasSize(3);
    assertThat(h.pages(id).get(2).message()).startsWith("step-1 (round 2): paged kim");
    h.at(Duration.ofMinutes(30));
    h.awaitAt(id, "wait-2");
    h.at(Duration.ofMinutes(40));
    h.awaitEnded(id);
    List<String> messages = messages(h, id);
    assertThat(messages).hasSize(5);
    assertThat(messages.get(4))
        .startsWith("final (round 2): paged ")
        .contains("kim", "choi", "park")
        .endsWith("[user:kim, team:noc, previous]");
  }

  @Test
  void randomMemberIsAlwaysATeamMember() {
    EscalationHarness h = harness();
    List<IncidentId> ids =
        java.util.stream.IntStream.range(0, 12).mapToObj(i -> h.open("until-resolved")).toList();
    ids.forEach(id -> h.awaitAt(id, "wait-1"));
    h.at(Duration.ofMinutes(10));
    ids.forEach(id -> h.awaitAt(id, "wait-2"));
    java.util.Set<String> picked = new java.util.HashSet<>();
    for (IncidentId id : ids) {
      String message = h.pages(id).get(1).message();
      String who = message.substring(message.indexOf("paged ") + 6, message.indexOf(" ["));
      assertThat(who).isIn("choi", "park", "kim");
      picked.add(who);
    }
    assertThat(picked).as("twelve draws from three members vary").hasSizeGreaterThan(1);
  }

  private static List<String> messages(EscalationHarness h, IncidentId id) {
    return h.pages(id).stream().map(TimelineEntry::message).toList();
  }
}
