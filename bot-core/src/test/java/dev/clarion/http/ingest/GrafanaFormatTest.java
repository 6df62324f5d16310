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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GrafanaFormatTest {
  private final GrafanaFormat format = new GrafanaFormat();

  private List<AlertEvent> parse(ObjectNode body) {
    return format.parse(body, integration(AlertFormat.GRAFANA));
  }

  private static ObjectNode firing() {
    return read("grafana-webhook-firing.json");
  }

  private static ObjectNode alert(ObjectNode body) {
    return (ObjectNode) body.get("alerts").get(0);
  }

  @Test
  void firingFixtureTriggersWithGrafanasExtrasInDetails() {
    ObjectNode body = firing();

    List<AlertEvent> events = parse(body);

    assertThat(events).hasSize(1);
    AlertEvent event = events.get(0);
    assertThat(event.format()).isEqualTo(AlertFormat.GRAFANA);
    assertThat(event.action()).isEqualTo(EventAction.TRIGGER);
    assertThat(event.dedupKey()).contains("a1b2c3d4e5f60718");
    assertThat(event.summary()).isEqualTo("payments queue backlog > 10k");
    assertThat(event.urgency()).as("no severity label").isEmpty();
    assertThat(event.source()).as("no instance or job label").isEqualTo("Test");
    assertThat(event.eventTime()).contains(Instant.parse("2026-11-23T03:20:00Z"));
    assertThat(event.labels())
        .containsEntry("alertname", "Queue backlog")
        .containsEntry("team", "payments")
        .containsEntry("grafana_folder", "payments");
    assertThat(event.details())
        .containsEntry("values", Map.of("B", 10432))
        .containsEntry("silenceURL", "https://grafana.example.com/alerting/silence/new")
        .containsEntry("generatorURL", "https://grafana.example.com/alerting/grafana/abc/view")
        .containsEntry("title", "[FIRING:1] Queue backlog (payments)")
        .containsEntry("state", "alerting")
        .containsEntry("externalURL", "https://grafana.example.com/")
        .doesNotContainKeys("dashboardURL", "panelURL");
    assertThat(Fixtures.json(event.raw())).isEqualTo(alert(body));
  }

  @Test
  void grafanasVersionOneIsAcceptedAndSeverityMapsLikeAlertmanager() {
    ObjectNode body = firing();
    ((ObjectNode) alert(body).get("labels")).put("severity", "warning");

    AlertEvent event = parse(body).get(0);

    assertThat(body.get("version").asText()).isEqualTo("1");
    assertThat(event.urgency()).contains(Urgency.MEDIUM);
  }

  @Test
  void resolvedAlertResolves() {
    ObjectNode body = firing();
    body.put("status", "resolved");
    alert(body).put("status", "resolved").put("endsAt", "2026-11-23T03:50:00Z");

    AlertEvent event = parse(body).get(0);

    assertThat(event.action()).isEqualTo(EventAction.RESOLVE);
    assertThat(event.dedupKey()).contains("a1b2c3d4e5f60718");
    assertThat(event.eventTime()).contains(Instant.parse("2026-11-23T03:50:00Z"));
  }

  @Test
  void badAlertStatusNamesThePath() {
    ObjectNode body = firing();
    alert(body).put("status", "alerting");

    assertThat(problem(() -> parse(body)).field()).contains("alerts[0].status");
  }
}
