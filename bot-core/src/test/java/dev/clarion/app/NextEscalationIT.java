package dev.clarion.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.store.jdbc.TestDatabases;
import dev.clarion.testkit.FakeChat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "Next escalation step at T → targets", as a user sees it: in the incident API, in the message a
 * person was paged with (in their zone), and in that message again, edited, once a step ran.
 */
class NextEscalationIT {
  private final FakeChat chat = new FakeChat("slack");
  private final RunningClarion clarion = RunningClarion.start("""
      server: { host: 127.0.0.1, port: 0 }
      database: { url: "%s" }
      channels: { templates_dir: ../templates }
      services:
        - { id: checkout, name: Checkout, impact: high, escalation_policy: two-steps }
      users:
        - { id: kim, name: Kim Minji, email: kim@example.com, role: responder, time_zone: Asia/Seoul, chat: { slack: U-KIM } }
        - { id: lee, name: Lee Jisoo, email: lee@example.com, role: responder, chat: { slack: U-LEE } }
        - { id: park, name: Park Jun, email: park@example.com, role: responder, chat: { slack: U-PARK } }
      integrations:
        - { id: prom, name: Prometheus, format: standard, key: prom-key-123, default_service: checkout }
      escalation_policies:
        - id: two-steps
          end_on: acknowledged
          steps:
            - { users: [kim], wait_minutes: 15 }
            - { users: [lee], wait_minutes: 10 }
            - { users: [park], wait_minutes: 10 }
      """.formatted(TestDatabases.h2Url()), Clock.systemUTC(), List.of(chat));

  @AfterEach
  void stop() {
    clarion.close();
  }

  @Test
  void theApiThePageAndTheEditedPageShowTheNextStep() {
    var response = clarion.post("/integration/standard/v1/prom-key-123",
        "{\"summary\":\"checkout 5xx above 5%\",\"event_id\":\"5xx\"}");
    long number = response.json().path("incident").asLong();
    String token = clarion.token("kim");

    await().atMost(Duration.ofSeconds(90)).until(() -> !chat.posts().isEmpty());
    FakeChat.Message page = chat.posts().get(0);
    JsonNode next = clarion.get("/api/v1/incidents/" + number, token).json().path("next_escalation");
    assertThat(next.path("step").asInt()).isEqualTo(2);
    assertThat(next.path("targets")).singleElement().satisfies(t -> {
      assertThat(t.path("kind").asText()).isEqualTo("user");
      assertThat(t.path("name").asText()).isEqualTo("lee");
      assertThat(t.path("people").get(0).path("name").asText()).isEqualTo("Lee Jisoo");
    });
    Instant at = Instant.parse(next.path("at").asText());
    assertThat(Duration.between(page.at(), at)).isBetween(Duration.ofMinutes(14), Duration.ofMinutes(16));
    // Kim's message, in Kim's zone (Asia/Seoul).
    assertThat(page.fields().get("NEXT_ESCALATION")).isEqualTo(
        DateTimeFormatter.ofPattern("HH:mm").format(at.atZone(ZoneId.of("Asia/Seoul")))
            + " → Lee Jisoo");

    // Skip the wait: step 2 pages Lee, and Kim's message is edited to show step 3.
    var escalated = clarion.post("/api/v1/commands", "{\"command\":\"incident escalate " + number + "\"}", token);
    assertThat(escalated.status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> chat.posts().size() == 2
        && chat.messages().stream().anyMatch(m -> m.edited().isPresent()));
    assertThat(chat.posts().get(1).destination()).isEqualTo("U-LEE");
    assertThat(chat.posts().get(1).fields().get("NEXT_ESCALATION")).endsWith(" → Park Jun");
    FakeChat.Message edit = chat.messages().stream().filter(m -> m.edited().isPresent())
        .findFirst().orElseThrow();
    assertThat(edit.destination()).isEqualTo("U-KIM");
    assertThat(edit.event()).isEqualTo("escalated");
    assertThat(edit.fields().get("NEXT_ESCALATION")).endsWith(" → Park Jun");
    JsonNode after = clarion.get("/api/v1/incidents/" + number, token).json();
    assertThat(after.path("next_escalation").path("step").asInt()).isEqualTo(3);

    // Acknowledged: nothing comes next.
    clarion.post("/api/v1/incidents/" + number + "/ack", "{}", token);
    assertThat(clarion.get("/api/v1/incidents/" + number, token).json().path("next_escalation").isNull())
        .isTrue();
  }
}
