package dev.clarion.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.store.jdbc.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Alerts in every format, over real HTTP, against the running server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestIT {
  private RunningClarion clarion;
  private String admin;

  @BeforeAll
  void start() {
    clarion = RunningClarion.start(RunningClarion.standardYaml(TestDatabases.h2Url(), "sa"), Clock.systemUTC());
    admin = clarion.token("admin");
  }

  @AfterAll
  void stop() {
    clarion.close();
  }

  static String fixture(String name) {
    try (InputStream in = IngestIT.class.getResourceAsStream("/fixtures/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("missing fixture " + name, e);
    }
  }

  private JsonNode incident(long number) {
    return clarion.get("/api/v1/incidents/" + number, admin).json();
  }

  private long incidentsCount() {
    return clarion.get("/api/v1/incidents?status=all&limit=500", admin).json().path("count").asLong();
  }

  private String standard(String summary, String eventId, String status) {
    return "{\"summary\":\"" + summary + "\",\"event_id\":\"" + eventId + "\",\"status\":\"" + status + "\"}";
  }

  @Test
  void standardApiOpensAppendsClosesAndReopens() {
    String key = "std-" + UUID.randomUUID();
    var opened = clarion.post("/integration/standard/v1/standard-key-123", standard("Disk full on web-3", key, "open"));
    assertThat(opened.status()).isEqualTo(202);
    assertThat(opened.json().path("result").asText()).isEqualTo("created");
    long number = opened.json().path("incident").asLong();

    var again = clarion.post("/integration/standard/v1/standard-key-123", standard("Disk full on web-3", key, "open"));
    assertThat(again.json().path("result").asText()).isEqualTo("appended");
    assertThat(again.json().path("incident").asLong()).isEqualTo(number);
    assertThat(incident(number).path("alert_count").asInt()).isEqualTo(2);

    var closed = clarion.post("/integration/standard/v1/standard-key-123", standard("Disk ok", key, "close"));
    assertThat(closed.json().path("result").asText()).isEqualTo("resolved");
    JsonNode resolved = incident(number);
    assertThat(resolved.path("status").asText()).isEqualTo("resolved");
    assertThat(resolved.path("timeline")).extracting(e -> e.path("kind").asText())
        .containsExactly("triggered", "alert", "resolved");
    assertThat(resolved.path("timeline").get(2).path("actor").asText()).isEqualTo("integration:standard via ingest");

    var reopened = clarion.post("/integration/standard/v1/standard-key-123", standard("Disk full again", key, "open"));
    assertThat(reopened.json().path("result").asText()).isEqualTo("created");
    assertThat(reopened.json().path("incident").asLong()).isNotEqualTo(number);
  }

  @Test
  void theSeedsRoutingRuleSendsRdsAlertsToTheDatabaseServiceAndTheFixtureGetsPriority() {
    var response = clarion.post("/integration/standard/v1/standard-key-123", fixture("alertnow-standard-open.json")
        .replace("rds-cpu-prod-db-1", "rds-" + UUID.randomUUID()));
    assertThat(response.status()).isEqualTo(202);
    JsonNode incident = incident(response.json().path("incident").asLong());
    assertThat(incident.path("service").asText()).isEqualTo("payments-db");
    assertThat(incident.path("urgency").asText()).isEqualTo("high");
    assertThat(incident.path("priority").asText()).isEqualTo("P1");
    assertThat(incident.path("details").path("region").asText()).isEqualTo("ap-northeast-2");
    assertThat(incident.path("timeline").get(0).path("message").asText()).contains("routed by rule 'rds-to-db'");

    var other = clarion.post("/integration/standard/v1/standard-key-123",
        "{\"summary\":\"Checkout latency high\",\"urgency\":\"medium\"}");
    JsonNode checkout = incident(other.json().path("incident").asLong());
    assertThat(checkout.path("service").asText()).isEqualTo("checkout");
    assertThat(checkout.path("priority").asText()).isEqualTo("P2");
  }

  @Test
  void aDropRuleKeepsTheAlertButOpensNoIncident() {
    long before = incidentsCount();
    var response = clarion.post("/integration/standard/v1/standard-key-123",
        "{\"summary\":\"synthetic check\",\"custom_details\":{\"env\":\"test\"}}");
    assertThat(response.status()).isEqualTo(202);
    assertThat(response.json().path("result").asText()).isEqualTo("dropped");
    assertThat(response.json().has("incident")).isFalse();
    assertThat(incidentsCount()).isEqualTo(before);
  }

  @Test
  void pagerDutyEventsV2AnswersInPagerDutysShapes() {
    String body = fixture("pagerduty-v2-trigger.json")
        .replace("REPLACE_WITH_INTEGRATION_KEY", "pagerduty-key-1234567890abcdef")
        .replace("disk-full/web-3", "pd-" + UUID.randomUUID());
    var accepted = clarion.post("/v2/enqueue", body);
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.json().path("status").asText()).isEqualTo("success");
    assertThat(accepted.json().path("message").asText()).isEqualTo("Event processed");
    String dedupKey = accepted.json().path("dedup_key").asText();
    assertThat(dedupKey).startsWith("pd-");

    var resolve = clarion.post("/v2/enqueue", "{\"routing_key\":\"pagerduty-key-1234567890abcdef\","
        + "\"event_action\":\"resolve\",\"dedup_key\":\"" + dedupKey + "\"}");
    assertThat(resolve.status()).isEqualTo(202);

    var invalid = clarion.post("/v2/enqueue", body.replace("\"critical\"", "\"fatal\""));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().path("status").asText()).isEqualTo("invalid event");
    assertThat(invalid.json().path("errors").get(0).asText()).contains("payload.severity");

    var unknownKey = clarion.post("/v2/enqueue", body.replace("pagerduty-key-1234567890abcdef", "nope"));
    assertThat(unknownKey.status()).isEqualTo(404);
  }

  @Test
  void alertmanagerGroupsOpenOneIncidentPerFingerprintAndResolvedClosesThem() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String firing = fixture("alertmanager-v4-firing.json").replace("c7a1f2d3e4b5a697", "a-" + tag)
        .replace("d8b2e3f4a5c6b708", "b-" + tag);
    var response = clarion.post("/integration/alertmanager/alertmanager-key-123", firing);
    assertThat(response.status()).isEqualTo(202);
    assertThat(response.json().path("results")).hasSize(2)
        .allSatisfy(r -> assertThat(r.path("result").asText()).isEqualTo("created"));
    long first = response.json().path("results").get(0).path("incident").asLong();
    assertThat(incident(first).path("urgency").asText()).isEqualTo("highest");

    var resolved = clarion.post("/integration/alertmanager/alertmanager-key-123",
        firing.replace("\"firing\"", "\"resolved\""));
    assertThat(resolved.json().path("results"))
        .allSatisfy(r -> assertThat(r.path("result").asText()).isEqualTo("resolved"));
    assertThat(incident(first).path("status").asText()).isEqualTo("resolved");
  }

  @Test
  void grafanaAndCloudWatchAlarmsOpenIncidentsOnTheirDefaultServices() {
    var grafana = clarion.post("/integration/grafana/grafana-key-123",
        fixture("grafana-webhook-firing.json").replace("a1b2c3d4e5f60718", "g-" + UUID.randomUUID()));
    assertThat(grafana.status()).isEqualTo(202);
    assertThat(incident(grafana.json().path("incident").asLong()).path("service").asText()).isEqualTo("tools");

    var alarm = clarion.post("/integration/cloudwatch/cloudwatch-key-123",
        fixture("cloudwatch-sns-alarm.json").replace("prod-db-1-cpu", "cpu-" + UUID.randomUUID()));
    assertThat(alarm.status()).isEqualTo(202);
    JsonNode incident = incident(alarm.json().path("incident").asLong());
    assertThat(incident.path("service").asText()).isEqualTo("payments-db");
    assertThat(incident.path("summary").asText()).contains("Threshold Crossed");
  }

  @Test
  void snsSubscriptionConfirmationIsShownNotSilentlyAccepted() {
    var response = clarion.post("/integration/cloudwatch/cloudwatch-key-123",
        fixture("cloudwatch-sns-subscription-confirmation.json"));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().path("status").asText()).isEqualTo("subscription_pending");
    String url = response.json().path("subscribe_url").asText();
    assertThat(url).startsWith("https://");
    var audit = clarion.get("/api/v1/audit?target=integration:cloudwatch", admin).json().path("entries");
    assertThat(audit.get(0).path("detail").asText()).contains(url);
  }

  @Test
  void badInputIsRefusedWithTheFieldNamedAndNothingStored() {
    long before = incidentsCount();

    var malformed = clarion.post("/integration/standard/v1/standard-key-123", "{\"summary\": ");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().path("error").path("field").asText()).isEqualTo("body");
    assertThat(malformed.json().path("error").path("message").asText()).contains("malformed JSON");

    var missing = clarion.post("/integration/standard/v1/standard-key-123", "{\"event_id\":\"x\"}");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().path("error").path("field").asText()).isEqualTo("summary");

    var wrongType = clarion.post("/integration/standard/v1/standard-key-123", "{\"summary\": 42}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().path("error").path("field").asText()).isEqualTo("summary");

    var badEnum = clarion.post("/integration/standard/v1/standard-key-123", "{\"summary\":\"x\",\"urgency\":\"urgent\"}");
    assertThat(badEnum.status()).isEqualTo(400);
    assertThat(badEnum.json().path("error").path("field").asText()).isEqualTo("urgency");
    assertThat(badEnum.json().path("error").path("message").asText()).contains("highest");

    var unknownKey = clarion.post("/integration/standard/v1/no-such-key", standard("x", "y", "open"));
    assertThat(unknownKey.status()).isEqualTo(404);
    assertThat(unknownKey.json().path("error").path("code").asText()).isEqualTo("not_found");

    var wrongFormat = clarion.post("/integration/standard/v1/alertmanager-key-123", standard("x", "y", "open"));
    assertThat(wrongFormat.status()).isEqualTo(404);

    String tooLarge = clarion.refusedUpload("/integration/standard/v1/standard-key-123", 600 * 1024);
    assertThat(tooLarge).startsWith("HTTP/1.1 413").contains("\"code\":\"too_large\"");

    assertThat(incidentsCount()).isEqualTo(before);
  }

  @Test
  void anIntegrationOverItsRateGets429WithRetryAfter() {
    String body = "{\"summary\":\"noisy\"}";
    assertThat(clarion.post("/integration/standard/v1/slow-key-12345", body).status()).isEqualTo(202);
    assertThat(clarion.post("/integration/standard/v1/slow-key-12345", body).status()).isEqualTo(202);
    var limited = clarion.post("/integration/standard/v1/slow-key-12345", body);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isEqualTo("1");
    assertThat(limited.json().path("error").path("message").asText()).contains("rate limit");
    var others = clarion.post("/integration/standard/v1/standard-key-123", body);
    assertThat(others.status()).as("one noisy integration does not throttle the others").isEqualTo(202);
  }

  @Test
  void metricsCountAcceptedAndRejectedAlertsAndTimeIngest() {
    clarion.post("/integration/standard/v1/standard-key-123", "{\"summary\":\"metrics probe\"}");
    clarion.post("/integration/standard/v1/standard-key-123", "{}");
    String metrics = clarion.get("/metrics", null).body();
    assertThat(metrics).contains("clarion_alerts_received_total{format=\"standard\",result=\"created\"}");
    assertThat(metrics).contains("clarion_ingest_rejected_total{format=\"standard\",status=\"400\"}");
    assertThat(metrics).contains("clarion_ingest_request_seconds_bucket");
    assertThat(clarion.get("/healthz", null).status()).isEqualTo(200);
    var ready = clarion.get("/readyz", null);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().path("database").asText()).isEqualTo("up");
  }
}
