package dev.clarion.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clarion.api.DeliveryResult;
import dev.clarion.audit.Actor;
import dev.clarion.incident.DedupKey;
import dev.clarion.incident.Incident;
import dev.clarion.incident.IncidentStatus;
import dev.clarion.incident.NewIncident;
import dev.clarion.incident.Urgency;
import dev.clarion.notification.NotifyRequest;
import dev.clarion.notification.Recipient;
import dev.clarion.service.ServiceId;
import dev.clarion.store.jdbc.TestDatabases;
import dev.clarion.testkit.FakeChat;
import dev.clarion.user.UserId;
import java.time.Duration;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The notifier port as escalation will call it, with a FakeChat: a page in the user's language and
 * time zone, at-least-once calls paging once, a button press acknowledging, and the original message
 * edited rather than a new one posted.
 */
class FakeChatIT {
  private final FakeChat chat = new FakeChat("slack");
  private final RunningClarion clarion = RunningClarion.start("""
      server: { host: 127.0.0.1, port: 0 }
      database: { url: "%s" }
      channels: { templates_dir: ../templates }
      services:
        - id: checkout
          name: Checkout
          impact: high
      users:
        - id: kim
          name: Kim Minji
          email: kim@example.com
          time_zone: Asia/Seoul
          locale: ko
          role: responder
          chat: { slack: U-KIM }
        - id: nobody
          name: No Chat
          email: nobody@example.com
      """.formatted(TestDatabases.h2Url()), Clock.systemUTC(), List.of(chat));

  @AfterEach
  void stop() {
    clarion.close();
  }

  private Incident open() {
    return clarion.server().incidents().open(new NewIncident(new ServiceId("checkout"),
        "결제 API 5xx", "lb-1", Urgency.HIGH, Optional.<DedupKey>empty(), false, Map.of()),
        Actor.system("test"), "test");
  }

  @Test
  void pageOnceInTheUsersZoneThenAButtonAcknowledgesAndTheMessageIsEdited() {
    Incident incident = open();
    NotifyRequest request = new NotifyRequest(incident.id(), "step-1", 0,
        List.of(new Recipient.User(new UserId("kim")), new Recipient.User(new UserId("nobody"))));
    assertThat(clarion.server().notifier().notify(request)).isEqualTo(1);
    assertThat(clarion.server().notifier().notify(request)).isZero(); // at-least-once caller

    await().atMost(Duration.ofSeconds(10)).until(() -> chat.posts().size() == 1);
    FakeChat.Message page = chat.posts().get(0);
    assertThat(page.destination()).isEqualTo("U-KIM");
    assertThat(page.fields().get("CREATE_DATE")).endsWith("KST");
    assertThat(clarion.server().incidents().timeline(incident.id()))
        .anySatisfy(e -> assertThat(e.message()).contains("cannot notify nobody"));

    assertThat(chat.pressAcknowledge("U-KIM", page).ok()).isTrue();
    assertThat(clarion.server().incidents().get(incident.id()).status())
        .isEqualTo(IncidentStatus.ACKNOWLEDGED);
    assertThat(chat.pressAcknowledge("U-STRANGER", page).ok()).isFalse();

    await().atMost(Duration.ofSeconds(10)).until(() -> chat.messages().size() == 2);
    FakeChat.Message edit = chat.messages().get(1);
    assertThat(edit.edited()).contains(page.ref());
    assertThat(edit.event()).isEqualTo("acknowledged");
    assertThat(edit.fields().get("STATUS")).isEqualTo("acknowledged");
    assertThat(chat.posts()).hasSize(1);
  }

  @Test
  void aRetryAfterAnswerIsWaitedOutAndTheMessageArrivesOnce() {
    chat.answerNext(DeliveryResult.retryAfter(Duration.ofMillis(300)));
    Incident incident = open();
    clarion.server().notifier().notify(new NotifyRequest(incident.id(), "step-1", 0,
        List.of(new Recipient.User(new UserId("kim")))));
    await().atMost(Duration.ofSeconds(10)).until(() -> chat.posts().size() == 1);
    assertThat(clarion.server().notifications().forIncident(incident.id()))
        .singleElement().satisfies(n -> assertThat(n.throttles()).isEqualTo(1));
  }
}
