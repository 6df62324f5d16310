package dev.clarion.workflow.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarion.escalation.NextEscalation;
import dev.clarion.incident.IncidentId;
import dev.clarion.incident.TimelineEntry;
import dev.clarion.user.UserId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * workflows/escalation/business-hours.bpmn: in office hours page the sre team, otherwise page who
 * is on call for platform and assign the incident to them; in parallel, inform the lead (kim).
 * It ships as a template (not executable); the test runs it as a user would after ticking
 * "Executable".
 */
class BusinessHoursBpmnTest {
  /** Office hours Mon–Fri 09:00–18:00 UTC; the harness starts Monday 2026-03-02 09:00 UTC. */
  private static final String CALENDARS = """
      calendars:
        office:
          zone: UTC
          hours: { weekdays: "09:00-18:00" }
          holidays: [%s]
      """;

  @TempDir Path dir;
  private EscalationHarness h;

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  private EscalationHarness harness(String holidays) throws IOException {
    Path shipped = EscalationHarness.workflowsDir().resolve("business-hours.bpmn");
    Files.writeString(dir.resolve("business-hours.bpmn"), Files.readString(shipped)
        .replace("isExecutable=\"false\"", "isExecutable=\"true\""));
    return new EscalationHarness(CALENDARS.formatted(holidays), Optional.of(dir));
  }

  private List<String> pages(IncidentId id) {
    return h.pages(id).stream().map(TimelineEntry::message).toList();
  }

  @Test
  void inOfficeHoursTheTeamIsPagedAndTheLeadInformedThenItEscalates() throws IOException {
    h = harness("");
    IncidentId id = h.open("business-hours");
    h.awaitPagesThenAt(id, 2, "wait-1");
    assertThat(pages(id)).containsExactlyInAnyOrder(
        "page-team (round 1): paged lee, park [team:sre]",
        "inform-lead (round 1): paged kim [user:kim]");
    assertThat(h.assigned).isEmpty();

    NextEscalation next = h.next(id).orElseThrow();
    assertThat(next.stepId()).isEqualTo("step-2");
    assertThat(next.at()).isEqualTo(EscalationHarness.T0.plus(Duration.ofMinutes(15)));

    h.at(Duration.ofMinutes(15));
    h.awaitPagesThenAt(id, 3, "wait-2");
    assertThat(pages(id).get(2)).startsWith("step-2 (round 1): paged lee, park");
  }

  @Test
  void outOfHoursWhoeverIsOnCallIsPagedAndAssigned() throws IOException {
    h = harness("");
    h.at(Duration.ofHours(12)); // Monday 21:00 UTC: closed
    IncidentId id = h.open("business-hours");
    h.awaitPagesThenAt(id, 2, "wait-1");
    List<UserId> onCall = h.schedules.onCall(new dev.clarion.schedule.ScheduleId("platform"),
        h.clock.instant());
    assertThat(onCall).hasSize(1);
    assertThat(pages(id)).containsExactlyInAnyOrder(
        "page-on-call (round 1): paged " + onCall.get(0).value() + " [schedule:platform]",
        "inform-lead (round 1): paged kim [user:kim]");
    assertThat(h.assigned.get(id)).containsExactlyElementsOf(onCall);
  }

  @Test
  void aHolidayIsOutOfHours() throws IOException {
    h = harness("2026-03-02");
    IncidentId id = h.open("business-hours");
    h.awaitPagesThenAt(id, 2, "wait-1");
    assertThat(pages(id)).anyMatch(p -> p.startsWith("page-on-call (round 1)"));
    assertThat(h.assigned).containsKey(id);
  }

  @Test
  void acknowledgingStopsIt() throws IOException {
    h = harness("");
    IncidentId id = h.open("business-hours");
    h.awaitPagesThenAt(id, 2, "wait-1");
    h.send(id, dev.clarion.escalation.WorkflowCommand.Kind.ACKNOWLEDGED);
    assertThat(h.running(id)).isFalse();
  }

  @Test
  void asShippedItIsATemplateThatIsNotDeployedAndAWrongCalendarIsReported() throws IOException {
    h = new EscalationHarness("", Optional.of(EscalationHarness.workflowsDir()));
    assertThat(h.processEngine().getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey("escalation-business-hours").count()).isZero();
    h.close();
    h = null;
    Path shipped = EscalationHarness.workflowsDir().resolve("business-hours.bpmn");
    Files.writeString(dir.resolve("business-hours.bpmn"), Files.readString(shipped)
        .replace("isExecutable=\"false\"", "isExecutable=\"true\""));
    assertThatThrownBy(() -> new EscalationHarness(
            CALENDARS.formatted("").replace("office:", "kr-office:"), Optional.of(dir)))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("business-hours.bpmn: condition of flow 'f-open': unknown calendar"
            + " 'office' (known: kr-office)");
  }
}
