package dev.clarion.testkit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clarion.incident.IncidentId;
import dev.clarion.notification.NotifyRequest;
import dev.clarion.notification.Recipient;
import dev.clarion.testkit.FakeChat;
import dev.clarion.testkit.SettableClock;
import dev.clarion.user.UserId;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension end to end: an alert over HTTP, a page in FakeChat, its button acknowledging. */
class ClarionExtensionIT {
  static final SettableClock clock = SettableClock.atDefaultStart();
  // Stands in for the Slack channel: users.chat keys are the known platforms.
  static final FakeChat chat = new FakeChat("slack");

  @RegisterExtension
  static ClarionExtension clarion = ClarionExtension.withConfig("""
      channels: { templates_dir: ../templates }
      services:
        - id: checkout
          name: Checkout
          impact: high
      users:
        - id: kim
          name: Kim Minji
          email: kim@example.com
          role: responder
          chat: { slack: U-KIM }
      integrations:
        - id: standard
          name: Standard
          format: standard
          key: standard-key-123
          default_service: checkout
      """).clock(clock).plugins(List.of(chat));

  @Test
  void anAlertPagesFakeChatAndItsAcknowledgeButtonAcknowledgesOverTheApi() {
    String kim = clarion.token("kim");
    var opened = clarion.post("/integration/standard/v1/standard-key-123",
        "{\"summary\":\"Checkout 5xx\",\"event_id\":\"" + UUID.randomUUID() + "\"}");
    assertThat(opened.status()).isEqualTo(202);
    long number = opened.json().path("incident").asLong();
    assertThat(clarion.get("/api/v1/incidents/" + number, kim).json().path("status").asText())
        .isEqualTo("triggered");

    clarion.server().notifier().notify(new NotifyRequest(new IncidentId(number), "step-1", 0,
        List.of(new Recipient.User(new UserId("kim")))));
    await().atMost(Duration.ofSeconds(10)).until(() -> chat.posts().size() == 1);
    FakeChat.Message page = chat.posts().get(0);
    assertThat(page.destination()).isEqualTo("U-KIM");
    assertThat(page.incidentId()).isEqualTo(String.valueOf(number));

    clock.advance(Duration.ofMinutes(3));
    assertThat(chat.pressAcknowledge("U-KIM", page).ok()).isTrue();
    var incident = clarion.get("/api/v1/incidents/" + number, kim);
    assertThat(incident.status()).isEqualTo(200);
    assertThat(incident.json().path("status").asText()).isEqualTo("acknowledged");
    assertThat(clarion.catalog().find("incident ack")).isPresent();
  }

  @Test
  void theApiNeedsATokenAndTheServerListensOnLoopback() {
    assertThat(clarion.baseUri().getHost()).isEqualTo("127.0.0.1");
    assertThat(clarion.get("/api/v1/incidents", null).status()).isEqualTo(401);
    assertThat(clarion.get("/api/v1/incidents", clarion.token("kim")).status()).isEqualTo(200);
  }
}
