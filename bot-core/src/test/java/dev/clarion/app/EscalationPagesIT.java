package dev.clarion.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clarion.incident.IncidentId;
import dev.clarion.incident.TimelineEntry;
import dev.clarion.store.jdbc.TestDatabases;
import dev.clarion.testkit.FakeChat;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** From alert to chat: the service's BPMN escalation policy pages the on-call person's chat. */
class EscalationPagesIT {
  private final FakeChat chat = new FakeChat("slack");
  private final RunningClarion clarion = RunningClarion.start("""
      server: { host: 127.0.0.1, port: 0 }
      database: { url: "%s" }
      channels: { templates_dir: ../templates }
      services:
        - { id: checkout, name: Checkout, impact: high, escalation_policy: page-kim }
      users:
        - { id: kim, name: Kim Minji, email: kim@example.com, role: responder, chat: { slack: U-KIM } }
      integrations:
        - { id: prom, name: Prometheus, format: standard, key: prom-key-123, default_service: checkout }
      escalation_policies:
        - id: page-kim
          end_on: acknowledged
          steps:
            - { users: [kim], wait_minutes: 15 }
      """.formatted(TestDatabases.h2Url()), Clock.systemUTC(), List.of(chat));

  @AfterEach
  void stop() {
    clarion.close();
  }

  @Test
  void anAlertOpensAnIncidentAndThePolicysFirstStepPagesKimInChatOnce() {
    var response = clarion.post("/integration/standard/v1/prom-key-123",
        "{\"summary\":\"checkout 5xx above 5%\",\"event_id\":\"5xx\"}");
    assertThat(response.status()).isEqualTo(202);
    IncidentId incident = new IncidentId(response.json().path("incident").asLong());

    // The engine boots in the background; the first step runs as soon as it is up.
    await().atMost(Duration.ofSeconds(90)).until(() -> !chat.posts().isEmpty());
    assertThat(chat.posts()).singleElement().satisfies(page -> {
      assertThat(page.destination()).isEqualTo("U-KIM");
      assertThat(page.incidentId()).isEqualTo(Long.toString(incident.value()));
    });
    assertThat(clarion.server().incidents().timeline(incident))
        .extracting(TimelineEntry::kind).contains(TimelineEntry.Kind.NOTIFIED);
  }
}
