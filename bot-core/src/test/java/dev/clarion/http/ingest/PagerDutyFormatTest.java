package dev.clarion.http.ingest;

import static dev.clarion.http.ingest.Fixtures.integration;
import static dev.clarion.http.ingest.Fixtures.problem;
import static dev.clarion.http.ingest.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clarion.alert.AlertEvent;
import dev.clarion.alert.AlertFormat;
import dev.clarion.alert.EventAction;
import dev.clarion.incident.Urgency;
import dev.clarion.problem.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PagerDutyFormatTest {
  private final PagerDutyFormat format = new PagerDutyFormat();

  private AlertEvent parseOne(ObjectNode body) {
    List<AlertEvent> events = format.parse(body, integration(AlertFormat.PAGERDUTY));
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private static ObjectNode trigger() {
    return read("pagerduty-v2-trigger.json");
  }

  private static ObjectNode payload(ObjectNode body) {
    return (ObjectNode) body.get("payload");
  }

  @Test
  void triggerFixtureBecomesAHighestUrgencyTriggerWithItsDetails() {
    AlertEvent event = parseOne(trigger());

    assertThat(event.format()).isEqualTo(AlertFormat.PAGERDUTY);
    assertThat(event.action()).isEqualTo(EventAction.TRIGGER);
    assertThat(event.summary()).isEqualTo("Disk /var 98% full on web-3");
    assertThat(event.dedupKey()).contains("disk-full/web-3");
    assertThat(event.source()).isEqualTo("web-3");
    assertThat(event.urgency()).contains(Urgency.HIGHEST);
    assertThat(event.eventTime()).contains(Instant.parse("2026-11-23T03:15:00Z"));
    assertThat(event.details())
        .containsEntry("mount", "/var")
        .containsEntry("used_pct", 98)
        .containsEntry("component", "filesystem")
        .containsEntry("group", "web")
        .containsEntry("class", "disk")
        .containsEntry(
            "links",
            List.of(Map.of("href", "https://grafana.example.com/d/abc", "text", "Dashboard")));
  }

  @ParameterizedTest
  @CsvSource({"critical, HIGHEST", "error, HIGH", "warning, MEDIUM", "info, LOW"})
  void severityMapsToUrgency(String severity, Urgency urgency) {
    ObjectNode body = trigger();
    payload(body).put("severity", severity);

    assertThat(parseOne(body).urgency()).contains(urgency);
  }

  @Test
  void timestampWithoutColonInTheOffsetIsAccepted() {
    ObjectNode body = trigger();
    payload(body).put("timestamp", "2015-07-17T08:42:58.315+0000");

    assertThat(parseOne(body).eventTime()).contains(Instant.parse("2015-07-17T08:42:58.315Z"));
  }

  @Test
  void customDetailsThatIsNotAnObjectIsKeptUnderItsName() {
    ObjectNode body = trigger();
    payload(body).put("custom_details", "free text from a script");

    assertThat(parseOne(body).details()).containsEntry("custom_details", "free text from a script");
  }

  @Test
  void acknowledgeAndResolveNeedOnlyTheDedupKey() {
    ObjectNode ack = Fixtures.read("pagerduty-v2-trigger.json");
    ack.put("event_action", "acknowledge").remove("payload");
    ObjectNode resolve = Fixtures.read("pagerduty-v2-trigger.json");
    resolve.put("event_action", "resolve").remove("payload");

    AlertEvent acked = parseOne(ack);
    AlertEvent resolved = parseOne(resolve);

    assertThat(acked.action()).isEqualTo(EventAction.ACKNOWLEDGE);
    assertThat(acked.dedupKey()).contains("disk-full/web-3");
    assertThat(acked.summary()).isEqualTo("acknowledge disk-full/web-3");
    assertThat(resolved.action()).isEqualTo(EventAction.RESOLVE);
    assertThat(resolved.dedupKey()).contains("disk-full/web-3");
    assertThat(resolved.urgency()).isEmpty();
  }

  @Test
  void missingSeverityIsRefusedNamingThePathAndAllowedValues() {
    ObjectNode body = trigger();
    payload(body).remove("severity");

    Problem problem = problem(() -> parseOne(body));

    assertThat(problem.field()).contains("payload.severity");
    assertThat(problem.getMessage())
        .isEqualTo("payload.severity is required (one of critical|error|warning|info)");
  }

  @Test
  void unknownSeverityIsRefusedNamingTheAllowedValues() {
    ObjectNode body = trigger();
    payload(body).put("severity", "fatal");

    Problem problem = problem(() -> parseOne(body));

    assertThat(problem.field()).contains("payload.severity");
    assertThat(problem.getMessage())
        .isEqualTo("payload.severity must be one of critical|error|warning|info; got 'fatal'");
  }

  @Test
  void unknownEventActionIsRefusedNamingTheAllowedValues() {
    ObjectNode body = trigger();
    body.put("event_action", "close");

    Problem problem = problem(() -> parseOne(body));

    assertThat(problem.field()).contains("event_action");
    assertThat(problem.getMessage()).contains("trigger|acknowledge|resolve");
  }

  @Test
  void triggerWithoutPayloadIsRefused() {
    ObjectNode body = trigger();
    body.remove("payload");

    assertThat(problem(() -> parseOne(body)).field()).contains("payload");
  }

  @Test
  void triggerWithoutSourceOrSummaryIsRefusedNamingTheNestedField() {
    ObjectNode noSource = trigger();
    payload(noSource).remove("source");
    ObjectNode numericSummary = trigger();
    payload(numericSummary).put("summary", 7);

    assertThat(problem(() -> parseOne(noSource)).field()).contains("payload.source");
    Problem summaryProblem = problem(() -> parseOne(numericSummary));
    assertThat(summaryProblem.field()).contains("payload.summary");
    assertThat(summaryProblem.getMessage()).contains("must be a string; got a number");
  }

  @Test
  void summaryOverPagerDutysLimitIsRefused() {
    ObjectNode body = trigger();
    payload(body).put("summary", "x".repeat(PagerDutyFormat.MAX_SUMMARY + 1));

    Problem problem = problem(() -> parseOne(body));

    assertThat(problem.field()).contains("payload.summary");
    assertThat(problem.getMessage()).contains("at most 1024 characters");
  }

  @Test
  void resolveWithoutDedupKeyIsRefused() {
    ObjectNode body = trigger();
    body.put("event_action", "resolve").remove("dedup_key");

    Problem problem = problem(() -> parseOne(body));

    assertThat(problem.field()).contains("dedup_key");
    assertThat(problem.getMessage()).contains("required when event_action is resolve");
  }

  @Test
  void overlongDedupKeyIsRefused() {
    ObjectNode body = trigger();
    body.put("dedup_key", "k".repeat(256));

    assertThat(problem(() -> parseOne(body)).getMessage()).contains("at most 255 characters");
  }

  @Test
  void missingRoutingKeyIsRefused() {
    ObjectNode body = trigger();
    body.remove("routing_key");

    assertThat(problem(() -> parseOne(body)).field()).contains("routing_key");
  }
}
