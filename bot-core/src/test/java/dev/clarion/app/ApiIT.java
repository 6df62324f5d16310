package dev.clarion.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.store.jdbc.TestDatabases;
import dev.clarion.testkit.SettableClock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The REST API as users see it: tokens, roles, filters, state changes and the audit trail. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiIT {
  private final SettableClock clock = SettableClock.atDefaultStart();
  private RunningClarion clarion;
  private String admin;
  private String kim;
  private String viewer;

  @BeforeAll
  void start() {
    clarion = RunningClarion.start(RunningClarion.standardYaml(TestDatabases.h2Url(), "sa"), clock);
    admin = clarion.token("admin");
    kim = clarion.token("kim");
    viewer = clarion.token("viewer");
  }

  @AfterAll
  void stop() {
    clarion.close();
  }

  private long open(String summary, String urgency) {
    var response = clarion.post("/integration/standard/v1/standard-key-123",
        "{\"summary\":\"" + summary + "\",\"urgency\":\"" + urgency + "\"}");
    assertThat(response.status()).isEqualTo(202);
    return response.json().path("incident").asLong();
  }

  @Test
  void everyApiCallNeedsAValidBearerToken() {
    var none = clarion.get("/api/v1/incidents", null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json().path("error").path("message").asText()).contains("Authorization: Bearer");
    assertThat(clarion.get("/api/v1/incidents", "clr_forged").status()).isEqualTo(401);
    assertThat(clarion.post("/api/v1/incidents/1/ack", "", "not-even-a-token").status()).isEqualTo(401);
  }

  @Test
  void aResponderAcknowledgesCommentsAndResolvesAndTheTimelineAndAuditSayWho() {
    long number = open("Payment latency p99 > 2s " + UUID.randomUUID(), "high");
    clock.advance(Duration.ofMinutes(4));

    var escalated = clarion.post("/api/v1/incidents/" + number + "/escalate", "", kim);
    assertThat(escalated.status()).isEqualTo(200);
    assertThat(escalated.json().path("status").asText()).isEqualTo("triggered");

    var acked = clarion.post("/api/v1/incidents/" + number + "/ack", "", kim);
    assertThat(acked.status()).isEqualTo(200);
    assertThat(acked.json().path("status").asText()).isEqualTo("acknowledged");
    assertThat(acked.json().path("assignees")).extracting(JsonNode::asText).containsExactly("kim");

    var twice = clarion.post("/api/v1/incidents/" + number + "/ack", "", kim);
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.json().path("error").path("message").asText())
        .isEqualTo("incident " + number + " is already acknowledged");

    var lateEscalation = clarion.post("/api/v1/incidents/" + number + "/escalate", "", kim);
    assertThat(lateEscalation.status()).isEqualTo(409);
    assertThat(lateEscalation.json().path("error").path("message").asText())
        .isEqualTo("incident " + number + " is acknowledged; only a triggered incident escalates");

    var comment = clarion.post("/api/v1/incidents/" + number + "/comments",
        "{\"text\":\"rolled back deploy 2026.11.23-3\"}", kim);
    assertThat(comment.status()).isEqualTo(201);

    var resolved = clarion.post("/api/v1/incidents/" + number + "/resolve", "", kim);
    assertThat(resolved.json().path("status").asText()).isEqualTo("resolved");

    JsonNode incident = clarion.get("/api/v1/incidents/" + number, viewer).json();
    assertThat(incident.path("timeline")).extracting(e -> e.path("kind").asText())
        .containsExactly("triggered", "escalated", "acknowledged", "comment", "resolved");
    assertThat(incident.path("timeline").get(2).path("actor").asText()).isEqualTo("user:kim via api");
    assertThat(incident.path("timeline").get(3).path("message").asText()).isEqualTo("rolled back deploy 2026.11.23-3");

    var audit = clarion.get("/api/v1/audit?target=incident:" + number, admin).json().path("entries");
    assertThat(audit).extracting(e -> e.path("action").asText())
        .containsExactly("incident.resolved", "incident.comment", "incident.acknowledged",
            "incident.escalate", "incident.open");
    assertThat(audit.get(0).path("actor").asText()).isEqualTo("user:kim via api");
  }

  @Test
  void aViewerMayReadButNotChangeAndTheRefusalIsAudited() {
    long number = open("viewer probe " + UUID.randomUUID(), "low");
    var refused = clarion.post("/api/v1/incidents/" + number + "/ack", "", viewer);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("error").path("message").asText())
        .isEqualTo("'incident ack' needs the responder role; Vera Viewer is a viewer");
    assertThat(clarion.get("/api/v1/incidents/" + number, viewer).json().path("status").asText())
        .isEqualTo("triggered");
    assertThat(clarion.get("/api/v1/audit", viewer).status()).isEqualTo(403);
    var audit = clarion.get("/api/v1/audit?target=command:incident%20ack", admin).json().path("entries");
    assertThat(audit.get(0).path("action").asText()).isEqualTo("command.denied");
    assertThat(audit.get(0).path("actor").asText()).isEqualTo("user:viewer via api");
  }

  @Test
  void listFiltersByStatusServiceUrgencyTimeAndText() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    clock.advance(Duration.ofHours(1));
    String from = clock.instant().toString();
    long rds = open("RDS failover " + tag, "high");
    clock.advance(Duration.ofMinutes(1));
    long web = open("web 5xx " + tag, "low");
    clarion.post("/api/v1/incidents/" + web + "/ack", "", kim);

    JsonNode byText = clarion.get("/api/v1/incidents?q=" + tag + "&from=" + from, viewer).json();
    assertThat(byText.path("incidents")).extracting(i -> i.path("number").asLong()).containsExactly(web, rds);
    assertThat(clarion.get("/api/v1/incidents?q=" + tag + "&service=payments-db", viewer).json().path("incidents"))
        .extracting(i -> i.path("number").asLong()).containsExactly(rds);
    assertThat(clarion.get("/api/v1/incidents?q=" + tag + "&status=acknowledged", viewer).json().path("incidents"))
        .extracting(i -> i.path("number").asLong()).containsExactly(web);
    assertThat(clarion.get("/api/v1/incidents?q=" + tag + "&urgency=high,highest", viewer).json().path("incidents"))
        .extracting(i -> i.path("number").asLong()).containsExactly(rds);
    assertThat(clarion.get("/api/v1/incidents?q=" + tag + "&to=" + from, viewer).json().path("count").asInt()).isZero();

    var bad = clarion.get("/api/v1/incidents?urgency=severe", viewer);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("error").path("field").asText()).isEqualTo("urgency");
    assertThat(clarion.get("/api/v1/incidents?from=yesterday", viewer).json().path("error").path("field").asText())
        .isEqualTo("from");
    assertThat(clarion.get("/api/v1/incidents?limit=0", viewer).status()).isEqualTo(400);
  }

  @Test
  void theCommandEndpointRunsTheCatalogueLikeChatAndTheCliDo() {
    long number = open("catalogue probe " + UUID.randomUUID(), "medium");
    var reply = clarion.post("/api/v1/commands", "{\"command\":\"ack #" + number + "\"}", kim);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.json().path("type").asText()).isEqualTo("incident");
    assertThat(reply.json().path("headline").asText()).isEqualTo("Incident " + number + " acknowledged by Kim Minji");

    var unknown = clarion.post("/api/v1/commands", "{\"command\":\"incident explode 1\"}", kim);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("error").path("message").asText()).contains("unknown command 'incident explode'");

    var notANumber = clarion.post("/api/v1/commands", "{\"command\":\"incident resolve abc\"}", kim);
    assertThat(notANumber.json().path("error").path("message").asText()).contains("'abc' is not an incident number");

    var help = clarion.post("/api/v1/commands", "{\"command\":\"help\"}", viewer);
    assertThat(help.json().path("commands")).extracting(c -> c.path("name").asText())
        .contains("incident list", "incident show", "help").doesNotContain("incident ack");

    var created = clarion.post("/api/v1/incidents", "{\"service\":\"tools\",\"summary\":\"wiki down\"}", kim);
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().path("service").asText()).isEqualTo("tools");
    var badService = clarion.post("/api/v1/incidents", "{\"service\":\"nope\",\"summary\":\"x\"}", kim);
    assertThat(badService.status()).isEqualTo(400);
    assertThat(badService.json().path("error").path("field").asText()).isEqualTo("service");
  }

  @Test
  void unknownEndpointsAndIncidentsAnswerJson404() {
    var missing = clarion.get("/api/v1/incidents/987654", viewer);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.json().path("error").path("message").asText()).isEqualTo("incident 987654 does not exist");
    var noRoute = clarion.get("/api/v1/nothing-here", viewer);
    assertThat(noRoute.status()).isEqualTo(404);
    assertThat(noRoute.json().path("error").path("code").asText()).isEqualTo("not_found");
  }
}
