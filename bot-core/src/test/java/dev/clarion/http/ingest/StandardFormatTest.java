package dev.clarion.http.ingest;

import static dev.clarion.http.ingest.Fixtures.integration;
import static dev.clarion.http.ingest.Fixtures.problem;
import static dev.clarion.http.ingest.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clarion.alert.AlertEvent;
import dev.clarion.alert.AlertFormat;
import dev.clarion.alert.EventAction;
import dev.clarion.alert.IntegrationId;
import dev.clarion.incident.Urgency;
import dev.clarion.problem.Problem;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StandardFormatTest {
  private final StandardFormat format = new StandardFormat();

  private AlertEvent parseOne(ObjectNode body) {
    List<AlertEvent> events = format.parse(body, integration(AlertFormat.STANDARD));
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  @Test
  void openFixtureTriggersWithItsUrgencySourceAndMetricDetails() {
    ObjectNode body = read("alertnow-standard-open.json");

    AlertEvent event = parseOne(body);

    assertThat(event.integration()).isEqualTo(new IntegrationId("test"));
    assertThat(event.format()).isEqualTo(AlertFormat.STANDARD);
    assertThat(event.action()).isEqualTo(EventAction.TRIGGER);
    assertThat(event.summary()).isEqualTo("RDS CPU utilization over 90% on prod-db-1");
    assertThat(event.dedupKey()).contains("rds-cpu-prod-db-1");
    assertThat(event.urgency()).contains(Urgency.HIGH);
    assertThat(event.source()).isEqualTo("prod-db-1");
    assertThat(event.eventTime()).contains(Instant.parse("2026-11-22T18:12:45Z"));
    assertThat(event.details())
        .containsEntry("region", "ap-northeast-2")
        .containsEntry("runbook", "RB-DB-001")
        .containsEntry("metric_name", "CPUUtilization")
        .containsEntry("threshold", "90")
        .containsEntry("metric_value", "97.3")
        .containsEntry("event_type", "metric");
    assertThat(event.labels()).isEmpty();
    assertThat(Fixtures.json(event.raw())).isEqualTo(body);
  }

  @Test
  void closeFixtureResolvesTheSameEventId() {
    AlertEvent event = parseOne(read("alertnow-standard-close.json"));

    assertThat(event.action()).isEqualTo(EventAction.RESOLVE);
    assertThat(event.dedupKey()).contains("rds-cpu-prod-db-1");
    assertThat(event.eventTime()).contains(Instant.parse("2026-11-22T18:31:02Z"));
  }

  @Test
  void summaryAloneIsEnoughAndTheRestDefaults() {
    ObjectNode body = Fixtures.read("alertnow-standard-open.json");
    body.retain("summary");

    AlertEvent event = parseOne(body);

    assertThat(event.action()).isEqualTo(EventAction.TRIGGER);
    assertThat(event.dedupKey()).isEmpty();
    assertThat(event.urgency()).isEmpty();
    assertThat(event.eventTime()).isEmpty();
    assertThat(event.source()).as("falls back to the integration's name").isEqualTo("Test");
    assertThat(event.details()).isEmpty();
  }

  @Test
  void ackWithEventIdAcknowledgesAndNumericMetricsStayNumbers() {
    ObjectNode body = read("alertnow-standard-open.json");
    body.put("status", "ack").put("metric_value", 97.3).put("unexpected_field", true);

    AlertEvent event = parseOne(body);

    assertThat(event.action()).isEqualTo(EventAction.ACKNOWLEDGE);
    assertThat(event.details()).containsEntry("metric_value", 97.3);
  }

  @Test
  void missingSummaryIsRefused() {
    ObjectNode body = read("alertnow-standard-open.json");
    body.remove("summary");

    Problem problem = problem(() -> parseOne(body));

    assertThat(problem.kind()).isEqualTo(Problem.Kind.INVALID);
    assertThat(problem.field()).contains("summary");
    assertThat(problem.getMessage()).contains("summary is required");
  }

  @Test
  void blankSummaryIsRefused() {
    ObjectNode body = read("alertnow-standard-open.json");
    body.put("summary", "   ");

    assertThat(problem(() -> parseOne(body)).field()).contains("summary");
  }

  @Test
  void summaryOfTheWrongTypeIsRefusedNamingTheType() {
    ObjectNode number = read("alertnow-standard-open.json");
    number.put("summary", 42);
    ObjectNode object = read("alertnow-standard-open.json");
    object.putObject("summary").put("text", "hi");

    Problem numberProblem = problem(() -> parseOne(number));
    Problem objectProblem = problem(() -> parseOne(object));

    assertThat(numberProblem.field()).contains("summary");
    assertThat(numberProblem.getMessage()).isEqualTo("summary must be a string; got a number");
    assertThat(objectProblem.getMessage()).isEqualTo("summary must be a string; got an object");
  }

  @Test
  void customDetailsThatIsNotAnObjectIsRefused() {
    ObjectNode body = read("alertnow-standard-open.json");
    body.put("custom_details", "region=ap-northeast-2");

    Problem problem = problem(() -> parseOne(body));

    assertThat(problem.field()).contains("custom_details");
    assertThat(problem.getMessage()).contains("must be an object");
  }

  @Test
  void unknownUrgencyNamesTheAllowedValues() {
    ObjectNode body = read("alertnow-standard-open.json");
    body.put("urgency", "urgent");

    Problem problem = problem(() -> parseOne(body));

    assertThat(problem.field()).contains("urgency");
    assertThat(problem.getMessage())
        .isEqualTo("urgency must be one of highest|high|medium|low|lowest|none; got 'urgent'");
  }

  @Test
  void unknownStatusNamesTheAllowedValues() {
    ObjectNode body = read("alertnow-standard-open.json");
    body.put("status", "resolved");

    Problem problem = problem(() -> parseOne(body));

    assertThat(problem.field()).contains("status");
    assertThat(problem.getMessage())
        .isEqualTo("status must be one of open|ack|close; got 'resolved'");
  }

  @Test
  void ackOrCloseWithoutEventIdIsRefused() {
    ObjectNode ack = read("alertnow-standard-open.json");
    ack.put("status", "ack").remove("event_id");
    ObjectNode close = read("alertnow-standard-close.json");
    close.remove("event_id");

    Problem ackProblem = problem(() -> parseOne(ack));
    Problem closeProblem = problem(() -> parseOne(close));

    assertThat(ackProblem.field()).contains("event_id");
    assertThat(ackProblem.getMessage()).contains("required when status is ack or close");
    assertThat(closeProblem.field()).contains("event_id");
  }

  @Test
  void eventTimeWithoutOffsetIsRefused() {
    ObjectNode body = read("alertnow-standard-open.json");
    body.put("event_time", "2026-11-23T03:12:45");

    Problem problem = problem(() -> parseOne(body));

    assertThat(problem.field()).contains("event_time");
    assertThat(problem.getMessage()).contains("ISO-8601 time with offset");
  }

  @Test
  void aBodyThatIsNotAnObjectIsRefused() {
    Problem problem =
        problem(() -> format.parse(Fixtures.json("[1, 2]"), integration(AlertFormat.STANDARD)));

    assertThat(problem.field()).contains("body");
  }

  @Test
  void nullOptionalFieldsCountAsAbsent() {
    ObjectNode body = read("alertnow-standard-open.json");
    body.putNull("urgency").putNull("event_time").putNull("custom_details");

    AlertEvent event = parseOne(body);

    assertThat(event.urgency()).isEmpty();
    assertThat(event.eventTime()).isEmpty();
    assertThat(event.details()).doesNotContainKey("region");
    assertThat(event.details()).containsAllEntriesOf(Map.of("metric_name", "CPUUtilization"));
    assertThat(event.dedupKey()).isEqualTo(Optional.of("rds-cpu-prod-db-1"));
  }
}
