package dev.clarion.http.ingest;

import static dev.clarion.http.ingest.Fixtures.integration;
import static dev.clarion.http.ingest.Fixtures.problem;
import static dev.clarion.http.ingest.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
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

class AlertmanagerFormatTest {
  private final AlertmanagerFormat format = new AlertmanagerFormat();

  private List<AlertEvent> parse(ObjectNode body) {
    return format.parse(body, integration(AlertFormat.ALERTMANAGER));
  }

  private static ObjectNode firing() {
    return read("alertmanager-v4-firing.json");
  }

  private static ObjectNode alert(ObjectNode body, int index) {
    return (ObjectNode) body.get("alerts").get(index);
  }

  @Test
  void eachAlertOfTheGroupBecomesItsOwnEventKeyedByFingerprint() {
    ObjectNode body = firing();

    List<AlertEvent> events = parse(body);

    assertThat(events).hasSize(2);
    assertThat(events)
        .extracting(e -> e.dedupKey().orElseThrow())
        .containsExactly("c7a1f2d3e4b5a697", "d8b2e3f4a5c6b708");
    assertThat(events)
        .extracting(AlertEvent::source)
        .containsExactly("checkout-1:8080", "checkout-2:8080");
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.format()).isEqualTo(AlertFormat.ALERTMANAGER);
              assertThat(e.action()).isEqualTo(EventAction.TRIGGER);
              assertThat(e.summary()).isEqualTo("5xx ratio above 5% for checkout");
              assertThat(e.urgency()).contains(Urgency.HIGHEST);
            });

    AlertEvent first = events.get(0);
    assertThat(first.labels())
        .containsEntry("alertname", "HighErrorRate")
        .containsEntry("service", "checkout")
        .containsEntry("instance", "checkout-1:8080")
        .hasSize(4);
    assertThat(first.details())
        .containsEntry("description", "7.2% of requests failed over 5m")
        .containsEntry("generatorURL", "http://prometheus.example.com:9090/graph?g0.expr=...")
        .containsEntry("startsAt", "2026-11-23T03:10:00Z")
        .containsEntry("externalURL", "http://alertmanager.example.com:9093")
        .containsEntry("groupKey", "{}:{alertname=\"HighErrorRate\"}")
        .doesNotContainKey("endsAt");
    assertThat(first.eventTime()).contains(Instant.parse("2026-11-23T03:10:00Z"));
    assertThat(Fixtures.json(first.raw())).isEqualTo(alert(body, 0));
  }

  @Test
  void aResolvedGroupResolvesEveryAlertAtItsEndTime() {
    ObjectNode body = firing();
    body.put("status", "resolved");
    for (int i = 0; i < 2; i++) {
      alert(body, i).put("status", "resolved").put("endsAt", "2026-11-23T03:40:00Z");
    }

    List<AlertEvent> events = parse(body);

    assertThat(events)
        .extracting(AlertEvent::action)
        .containsExactly(EventAction.RESOLVE, EventAction.RESOLVE);
    assertThat(events)
        .extracting(e -> e.dedupKey().orElseThrow())
        .containsExactly("c7a1f2d3e4b5a697", "d8b2e3f4a5c6b708");
    assertThat(events.get(0).eventTime()).contains(Instant.parse("2026-11-23T03:40:00Z"));
    assertThat(events.get(0).details()).containsEntry("endsAt", "2026-11-23T03:40:00Z");
  }

  @Test
  void anAlertWithoutStatusTakesTheGroups() {
    ObjectNode body = firing();
    body.put("status", "resolved");
    alert(body, 1).remove("status");

    assertThat(parse(body).get(1).action()).isEqualTo(EventAction.RESOLVE);
  }

  @Test
  void missingFingerprintIsComputedStablyFromTheSortedLabels() {
    ObjectNode body = firing();
    alert(body, 0).remove("fingerprint");
    ObjectNode reordered = firing();
    ObjectNode labels = alert(reordered, 0).putObject("labels");
    labels.put("instance", "checkout-1:8080").put("service", "checkout");
    labels.put("severity", "critical").put("alertname", "HighErrorRate");
    alert(reordered, 0).remove("fingerprint");

    String key = parse(body).get(0).dedupKey().orElseThrow();

    assertThat(key).isEqualTo("beb69e792e2dfd2e");
    assertThat(parse(reordered).get(0).dedupKey()).contains(key);
    assertThat(parse(body).get(1).dedupKey()).as("others keep theirs").contains("d8b2e3f4a5c6b708");
  }

  @Test
  void fingerprintIsFnv1aOverNameSeparatorValueSeparator() {
    // Expected values computed independently (a few lines of Python), not by this code.
    assertThat(AlertGroup.fingerprint(Map.of())).isEqualTo("cbf29ce484222325");
    assertThat(AlertGroup.fingerprint(Map.of("a", "b"))).isEqualTo("d2b371819297f98a");
    assertThat(
            AlertGroup.fingerprint(
                Map.of(
                    "alertname", "HighErrorRate",
                    "severity", "critical",
                    "service", "checkout",
                    "instance", "checkout-1:8080")))
        .isEqualTo("beb69e792e2dfd2e");
  }

  @Test
  void summaryFallsBackToDescriptionThenAlertnameWithLabels() {
    ObjectNode body = firing();
    ((ObjectNode) alert(body, 0).get("annotations")).remove("summary");
    alert(body, 1).remove("annotations");

    List<AlertEvent> events = parse(body);

    assertThat(events.get(0).summary()).isEqualTo("7.2% of requests failed over 5m");
    assertThat(events.get(1).summary())
        .isEqualTo("HighErrorRate (instance=checkout-2:8080, service=checkout, severity=critical)");
  }

  @Test
  void sourceFallsBackToJobThenTheIntegration() {
    ObjectNode body = firing();
    ((ObjectNode) alert(body, 0).get("labels")).remove("instance");
    ((ObjectNode) alert(body, 0).get("labels")).put("job", "checkout-api");
    ((ObjectNode) alert(body, 1).get("labels")).remove("instance");

    List<AlertEvent> events = parse(body);

    assertThat(events).extracting(AlertEvent::source).containsExactly("checkout-api", "Test");
  }

  @ParameterizedTest
  @CsvSource({
    "critical, HIGHEST",
    "CRITICAL, HIGHEST",
    "error, HIGH",
    "high, HIGH",
    "warning, MEDIUM",
    "info, LOW",
    "lowest, LOWEST"
  })
  void severityLabelMapsToUrgency(String severity, Urgency urgency) {
    ObjectNode body = firing();
    ((ObjectNode) alert(body, 0).get("labels")).put("severity", severity);

    assertThat(parse(body).get(0).urgency()).contains(urgency);
  }

  @Test
  void noneUnknownOrAbsentSeverityLeavesTheIntegrationDefault() {
    ObjectNode body = firing();
    ((ObjectNode) alert(body, 0).get("labels")).put("severity", "page-someone");
    ((ObjectNode) alert(body, 1).get("labels")).remove("severity");
    ObjectNode none = firing();
    ((ObjectNode) alert(none, 0).get("labels")).put("severity", "none");

    List<AlertEvent> events = parse(body);

    assertThat(events.get(0).urgency()).isEmpty();
    assertThat(events.get(1).urgency()).isEmpty();
    assertThat(parse(none).get(0).urgency()).isEmpty();
  }

  @Test
  void unknownAlertStatusIsRefusedNamingTheAlertAndAllowedValues() {
    ObjectNode body = firing();
    alert(body, 1).put("status", "pending");

    Problem problem = problem(() -> parse(body));

    assertThat(problem.field()).contains("alerts[1].status");
    assertThat(problem.getMessage())
        .isEqualTo("alerts[1].status must be one of firing|resolved; got 'pending'");
  }

  @Test
  void alertWithoutAnyStatusIsRefused() {
    ObjectNode body = firing();
    body.remove("status");
    alert(body, 0).remove("status");

    assertThat(problem(() -> parse(body)).field()).contains("alerts[0].status");
  }

  @Test
  void otherVersionsAreRefused() {
    ObjectNode body = firing();
    body.put("version", "3");

    Problem problem = problem(() -> parse(body));

    assertThat(problem.field()).contains("version");
    assertThat(problem.getMessage()).contains("\"4\"");
  }

  @Test
  void missingOrEmptyAlertsIsRefused() {
    ObjectNode missing = firing();
    missing.remove("alerts");
    ObjectNode empty = firing();
    empty.putArray("alerts");
    ObjectNode notArray = firing();
    notArray.put("alerts", "none");

    assertThat(problem(() -> parse(missing)).field()).contains("alerts");
    assertThat(problem(() -> parse(empty)).getMessage()).contains("must not be empty");
    assertThat(problem(() -> parse(notArray)).getMessage()).contains("got a string");
  }

  @Test
  void wrongShapedAlertOrLabelsIsRefusedNamingThePath() {
    ObjectNode notObject = firing();
    ((ArrayNode) notObject.get("alerts")).set(1, notObject.textNode("oops"));
    ObjectNode nestedLabel = firing();
    ((ObjectNode) alert(nestedLabel, 0).get("labels")).putObject("team").put("name", "x");
    ObjectNode badTime = firing();
    alert(badTime, 0).put("startsAt", "yesterday");

    assertThat(problem(() -> parse(notObject)).field()).contains("alerts[1]");
    assertThat(problem(() -> parse(nestedLabel)).field()).contains("alerts[0].labels.team");
    assertThat(problem(() -> parse(badTime)).field()).contains("alerts[0].startsAt");
  }
}
