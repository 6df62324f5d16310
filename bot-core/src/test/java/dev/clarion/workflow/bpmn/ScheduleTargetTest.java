package dev.clarion.workflow.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.audit.Actor;
import dev.clarion.incident.IncidentId;
import dev.clarion.incident.TimelineEntry;
import dev.clarion.schedule.NewOverride;
import dev.clarion.schedule.OverrideTarget;
import dev.clarion.schedule.ScheduleId;
import dev.clarion.user.UserId;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Schedule targets in compiled policies, on the harness clock: whoever is on call when the step
 * runs (overrides included) is paged; a schedule with nobody on call falls through to the next
 * step at once and the timeline says so. The harness's {@code platform} schedule has kim on call
 * this week; {@code nights} has choi only from 22:00 to 06:00 UTC, nobody at 09:00 (T0).
 */
class ScheduleTargetTest {
  static final String POLICIES =
      """
      escalation_policies:
        - id: platform-twice
          steps:
            - { schedules: [platform], wait_minutes: 10 }
            - { schedules: [platform], wait_minutes: 10 }
        - id: nights-first
          steps:
            - { schedules: [nights], wait_minutes: 30 }
            - { users: [park], wait_minutes: 10 }
      """;

  private EscalationHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  @Test
  void pagesWhoeverIsOnCallWhenTheStepRuns() {
    h = new EscalationHarness(POLICIES, Optional.empty());
    IncidentId id = h.open("platform-twice");
    h.awaitAt(id, "wait-1");
    assertThat(messages(id)).containsExactly("step-1 (round 1): paged kim [schedule:platform]");

    // lee covers the whole schedule from minute 5: step 2 at minute 10 pages lee, not kim.
    h.schedules.addOverride(Actor.user("kim", "test"),
        new NewOverride(new ScheduleId("platform"), new UserId("lee"),
            new OverrideTarget.WholeSchedule(), EscalationHarness.T0.plus(Duration.ofMinutes(5)),
            EscalationHarness.T0.plus(Duration.ofHours(1)), "swap"));
    h.at(Duration.ofMinutes(10));
    h.awaitPagesThenAt(id, 2, "wait-2");
    assertThat(messages(id)).containsExactly(
        "step-1 (round 1): paged kim [schedule:platform]",
        "step-2 (round 1): paged lee [schedule:platform]");
  }

  @Test
  void aScheduleWithNobodyOnCallFallsThroughToTheNextStepAtOnce() {
    h = new EscalationHarness(POLICIES, Optional.empty());
    IncidentId id = h.open("nights-first");
    // Not wait-1: step 1 paged nobody, so step 2 ran at once and its wait is running.
    h.awaitPagesThenAt(id, 2, "wait-2");
    assertThat(h.activeActivities(id)).containsExactly("wait-2");
    assertThat(messages(id)).containsExactly(
        "step-1 (round 1): paged nobody (no target resolved to a user) [schedule:nights];"
            + " schedule nights: nobody on call",
        "step-2 (round 1): paged park [user:park]");
    assertThat(h.pages(id)).extracting(TimelineEntry::at)
        .containsOnly(EscalationHarness.T0);

    h.at(Duration.ofMinutes(10));
    h.awaitEnded(id);
    assertThat(h.pages(id)).hasSize(2);
  }

  private java.util.List<String> messages(IncidentId id) {
    return h.pages(id).stream().map(TimelineEntry::message).toList();
  }
}
