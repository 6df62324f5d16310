package dev.clarion.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.store.jdbc.TestDatabases;
import dev.clarion.testkit.FakeChat;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code oncall simulate}: the policy's timeline in the API and in chat, nobody paged. */
class SimulateCommandIT {
  private final FakeChat chat = new FakeChat("slack");
  private final RunningClarion clarion = RunningClarion.start("""
      server: { host: 127.0.0.1, port: 0 }
      database: { url: "%s" }
      services:
        - { id: checkout, name: Checkout, impact: high, escalation_policy: two-steps }
      users:
        - { id: kim, name: Kim Minji, email: kim@example.com, role: responder, chat: { slack: U-KIM } }
        - { id: lee, name: Lee Jisoo, email: lee@example.com, role: viewer, chat: { slack: U-LEE } }
      escalation_policies:
        - id: two-steps
          end_on: acknowledged
          steps:
            - { users: [kim], wait_minutes: 15 }
            - { users: [lee], wait_minutes: 10 }
      """.formatted(TestDatabases.h2Url()), Clock.systemUTC(), List.of(chat));

  @AfterEach
  void stop() {
    clarion.close();
  }

  @Test
  void aViewerSeesTheTimelineOfAServicesPolicyAndItIsCheapAfterTheFirstRun() {
    String token = clarion.token("lee");
    List<Long> millis = new ArrayList<>();
    JsonNode reply = null;
    for (int i = 0; i < 4; i++) {
      long t0 = System.nanoTime();
      var response = clarion.post("/api/v1/commands",
          "{\"command\":\"oncall simulate checkout 20m\"}", token);
      millis.add((System.nanoTime() - t0) / 1_000_000);
      assertThat(response.status()).isEqualTo(200);
      reply = response.json();
    }
    System.out.println("oncall simulate round trips (ms): " + millis);
    assertThat(reply.path("type").asText()).isEqualTo("simulation");
    assertThat(reply.path("policy").asText()).isEqualTo("two-steps");
    assertThat(reply.path("service").asText()).isEqualTo("checkout");
    List<String> what = new ArrayList<>();
    reply.path("events").forEach(e -> what.add(e.path("what").asText()));
    assertThat(what).containsExactly(
        "step-1 (round 1): paged kim [user:kim]",
        "step-2 (round 1): paged lee [user:lee]",
        "acknowledged; escalation stops");
    assertThat(reply.path("events").get(1).path("paged").get(0).asText()).isEqualTo("lee");
    // Later runs reuse the simulation engine: about a second at most, even on a busy machine.
    assertThat(millis.subList(1, millis.size()).stream().mapToLong(Long::longValue).min()
        .orElseThrow()).isLessThan(1_000);
    assertThat(chat.posts()).as("a simulation pages nobody").isEmpty();

    var chatReply = chat.press("U-KIM", "simulate two-steps");
    assertThat(chatReply.text()).contains("Escalation policy two-steps, nobody answers")
        .contains("step-2 (round 1): paged lee").contains("escalation ends: nobody acknowledged");
  }

  @Test
  void anUnknownPolicyOrServiceIsAClearError() {
    var response = clarion.post("/api/v1/commands", "{\"command\":\"oncall simulate nope\"}",
        clarion.token("lee"));
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("'nope' is neither an escalation policy nor a service"
        + " (policies: default, two-steps)");
  }
}
