package dev.clarion.plugins.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clarion.incident.IncidentId;
import dev.clarion.incident.IncidentStatus;
import dev.clarion.testkit.server.ClarionExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The webhook channel end to end: a real Clarion, real HTTP, a loopback fake receiver. */
class WebhookDeliveryIT {
  private static final Pattern ACK = Pattern.compile("\"ack\":\"([^\"]+)\"");
  private final HttpClient http = HttpClient.newHttpClient();
  // Closed after the extension has stopped Clarion, so no delivery is cut off mid-test.
  @AutoClose
  private final FakeWebhookServer fake = new FakeWebhookServer();

  /** A fresh Clarion per test (an instance field), with an in-memory H2 and port 0 by default. */
  @RegisterExtension
  final ClarionExtension clarion = ClarionExtension.withConfig("""
      services:
        - id: checkout
          name: Checkout
          impact: high
      users:
        - id: admin
          name: Admin
          email: admin@example.com
          role: admin
      integrations:
        - id: standard
          name: Standard
          format: standard
          key: standard-key-123
          default_service: checkout
      channels:
        link_secret: test-link-secret-0123456789
        webhook_per_destination_per_second: 2
      webhooks:
        - id: ops
          name: Ops room
          services: [checkout]
          events: [escalation, acknowledged, resolved]
          url: %s
          method: POST
          headers: { X-Token: abc }
          body: |
            {"service":"${SERVICE_NAME}","name":"${INCIDENT_NAME}","status":"${STATUS}",
             "id":"${INCIDENT_ID}","ack":"${ACK_URL}","resolve":"${RESOLVE_URL}"}
      """.formatted(fake.url()));

  @Test
  void aRestartWithRowsInTheOutboxDeliversEachOnce() {
    fake.down(true);
    for (int i = 0; i < 5; i++) {
      alert("queued before restart " + i);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> fake.received().size() >= 5);
    clarion.stop(); // the in-memory database outlives the server, as a file would
    long seenWhileDown = fake.received().size();
    assertThat(fake.accepted()).isEmpty();

    fake.down(false);
    clarion.restart();
    await().atMost(Duration.ofSeconds(20)).until(() -> fake.accepted().size() == 5);
    assertThat(fake.accepted()).extracting(FakeWebhookServer.Received::delivery)
        .doesNotHaveDuplicates();
    assertThat(seenWhileDown).isGreaterThanOrEqualTo(5);
    assertThat(clarion.server().notifications().dead(10)).isEmpty();
  }

  @Test
  void aRefusedWebhookIsDeadLetteredVisibleInTheApiAndTheTimeline() throws Exception {
    fake.answerAlways(404);
    alert("nobody listens");
    String token = clarion.token("admin");
    HttpRequest.Builder dead = HttpRequest.newBuilder(
        URI.create(clarion.baseUri() + "/api/v1/notifications/dead"))
        .header("Authorization", "Bearer " + token).GET();
    await().atMost(Duration.ofSeconds(10))
        .until(() -> send(dead).body().contains("\"destination\":\"ops\""));
    assertThat(send(dead).body()).contains("HTTP 404 from ops", "\"event\":\"escalation\"");
    assertThat(fake.received()).hasSize(1); // permanent: not retried
    assertThat(send(HttpRequest.newBuilder(URI.create(clarion.baseUri()
        + "/metrics")).GET()).body()).contains("clarion_notifications_dead 1.0");
    assertThat(clarion.server().incidents().timeline(new IncidentId(1)))
        .anySatisfy(e -> assertThat(e.message()).contains("dead-lettered", "HTTP 404"));
    assertThat(send(HttpRequest.newBuilder(URI.create(clarion.baseUri()
        + "/api/v1/notifications/dead")).GET()).statusCode()).isEqualTo(401);
  }

  @Test
  void previewAndSendTestOverTheApi() {
    String token = clarion.token("admin");
    String base = clarion.baseUri() + "/api/v1/webhooks/ops/";
    HttpResponse<String> preview = send(HttpRequest.newBuilder(URI.create(base + "preview"))
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(preview.statusCode()).isEqualTo(200);
    assertThat(preview.body()).contains("Sample service", "\\\\\\\"CPU > 90%\\\\\\\"");
    assertThat(fake.received()).isEmpty();

    HttpResponse<String> test = send(HttpRequest.newBuilder(URI.create(base + "test"))
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(test.body()).contains("\"result\":\"delivered\"");
    assertThat(fake.accepted()).hasSize(1);
    assertThat(fake.accepted().get(0).body()).contains("\"service\":\"Sample service\"");

    HttpResponse<String> unknown = send(HttpRequest.newBuilder(URI.create(
            clarion.baseUri() + "/api/v1/webhooks/nope/preview"))
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  private int alert(String summary) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(clarion.baseUri()
            + "/integration/standard/v1/standard-key-123"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"summary\":\"" + summary + "\",\"event_id\":\"" + UUID.randomUUID() + "\"}")));
    assertThat(r.statusCode()).isEqualTo(202);
    return r.statusCode();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  @Test
  void alertToWebhookToAckLinkToAcknowledgedWebhook() {
    assertThat(clarion.server().plugins())
        .anySatisfy(p -> assertThat(p.id()).isEqualTo("webhook"));
    alert("Checkout \\\"5xx\\\" above 5%");

    await().atMost(Duration.ofSeconds(10)).until(() -> fake.accepted().size() == 1);
    String body = fake.accepted().get(0).body();
    assertThat(body).contains("\"service\":\"Checkout\"", "\"status\":\"triggered\"",
        "\"name\":\"Checkout \\\"5xx\\\" above 5%\"");
    Matcher ack = ACK.matcher(body);
    assertThat(ack.find()).isTrue();
    String ackUrl = ack.group(1);

    // An altered link (another action or incident) changes nothing.
    String token = ackUrl.substring(ackUrl.lastIndexOf('/') + 1);
    String forged = ackUrl.substring(0, ackUrl.lastIndexOf('/') + 1) + "x" + token.substring(1);
    assertThat(get(forged).statusCode()).isEqualTo(401);
    // A chat platform unfurling the link does not acknowledge.
    assertThat(send(HttpRequest.newBuilder(URI.create(ackUrl))
        .header("User-Agent", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)")
        .GET()).statusCode()).isEqualTo(200);
    assertThat(clarion.server().incidents().get(new IncidentId(1)).status())
        .isEqualTo(IncidentStatus.TRIGGERED);

    assertThat(get(ackUrl).statusCode()).isEqualTo(200);
    assertThat(clarion.server().incidents().get(new IncidentId(1)).status())
        .isEqualTo(IncidentStatus.ACKNOWLEDGED);
    await().atMost(Duration.ofSeconds(10)).until(() -> fake.accepted().size() == 2);
    assertThat(fake.accepted().get(1).body()).contains("\"status\":\"acknowledged\"");

    // Clicking again is harmless: no change, no further webhook.
    assertThat(get(ackUrl).statusCode()).isEqualTo(200);
    assertThat(clarion.server().incidents().timeline(new IncidentId(1)))
        .filteredOn(e -> e.kind().name().equals("NOTIFIED")).hasSize(2);
    assertThat(fake.accepted()).hasSize(2);
  }

  @Test
  void throttledByRetryAfterNothingLostNothingDuplicatedLimitKept() {
    fake.throttle(3, 1);
    for (int i = 0; i < 8; i++) {
      alert("disk full " + i);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> fake.accepted().size() == 8);
    List<String> deliveries = fake.accepted().stream().map(FakeWebhookServer.Received::delivery)
        .toList();
    assertThat(deliveries).doesNotHaveDuplicates();
    assertThat(fake.received().stream().filter(r -> r.answered() == 429)).hasSize(3);
    // 2 per second per destination, counted by the receiver over every request it saw.
    assertThat(fake.maxInWindow(Duration.ofSeconds(1))).isLessThanOrEqualTo(2);
    // Each incident's message arrived exactly once.
    Map<String, Long> byIncident = fake.accepted().stream().collect(Collectors.groupingBy(
        r -> r.body().replaceAll("(?s).*\"id\":\"(\\d+)\".*", "$1"), Collectors.counting()));
    assertThat(byIncident).hasSize(8).allSatisfy((k, v) -> assertThat(v).isEqualTo(1L));
  }
}
