package dev.clarion.plugins.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clarion.app.ClarionServer;
import dev.clarion.config.ConfigLoader;
import dev.clarion.incident.IncidentId;
import dev.clarion.incident.IncidentStatus;
import dev.clarion.incident.TimelineEntry;
import dev.clarion.store.jdbc.JdbiAuditLog;
import dev.clarion.testkit.FakeSlackApi;
import dev.clarion.testkit.SlackRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Slack channel end to end: a real Clarion with the plugin from the class path, Slack-signed
 * requests over real HTTP, and the loopback {@link FakeSlackApi} as Slack's Web API.
 */
class SlackChannelIT {
  private static final String TOKEN = "xoxb-test-token";
  private static final String SECRET = "test-signing-secret-0123";
  private static final String CHANNEL = "CINCIDENTS";
  private static final String KIM = "UKIM";

  private final Clock clock = Clock.systemUTC();
  private final HttpClient http = HttpClient.newHttpClient();
  private final SlackRequests slackRequests = new SlackRequests(SECRET);
  private FakeSlackApi slack;
  private ClarionServer clarion;

  @BeforeEach
  void start() {
    start("{ url: \"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH\" }");
  }

  private void start(String database) {
    slack = new FakeSlackApi(TOKEN, clock);
    String yaml = """
        server: { host: 127.0.0.1, port: 0 }
        database: %s
        services:
          - id: checkout
            name: Checkout
            impact: high
        users:
          - id: kim
            name: Kim
            email: kim@example.com
            role: responder
            chat: { slack: %s }
        integrations:
          - id: standard
            name: Standard
            format: standard
            key: standard-key-123
            default_service: checkout
        channels:
          link_secret: test-link-secret-0123456789
        slack:
          bot_token: %s
          signing_secret: %s
          api_url: %s
          channels:
            - channel: %s
              services: [checkout]
        """.formatted(database, KIM, TOKEN, SECRET, slack.apiUrl(), CHANNEL);
    clarion = ClarionServer.start(ConfigLoader.parse(yaml, "test.yml", Map.of()), clock);
  }

  @AfterEach
  void stop() {
    clarion.close();
    slack.close();
  }

  @Test
  void signedSlashCommandAcksAndTheMessageIsEditedAndAuditedAsTheSlackUser() {
    assertThat(clarion.plugins()).anySatisfy(p -> assertThat(p.id()).isEqualTo("slack"));
    alert("Checkout 5xx above 5% <b>&</b>");
    FakeSlackApi.Message posted = awaitMessages(1).get(0);
    // Gson writes & < > as JSON unicode escapes; what Slack reads is mrkdwn-escaped text.
    String blocks = posted.blocks().replace("\\u0026", "&").replace("\\u003c", "<")
        .replace("\\u003e", ">");
    assertThat(blocks).contains("Checkout", "triggered", "high / P1", "*Alerts*\\n1",
        "clarion_ack", "clarion_resolve", "clarion_escalate", "&lt;b&gt;&amp;&lt;/b&gt;");

    HttpResponse<String> reply = post("/commands",
        slackRequests.slashCommand("/clarion", "ack 1", KIM, CHANNEL, clock.instant()));

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.body()).contains("in_channel", "acknowledged by Kim");
    assertThat(status(1)).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    assertThat(new JdbiAuditLog(clarion.database()).recent(null, 20))
        .anySatisfy(e -> assertThat(e.actor()).isEqualTo("user:kim via slack"));
    await().atMost(Duration.ofSeconds(10)).until(() -> slack.messages(CHANNEL).get(0).updates() == 1);
    assertThat(slack.messages(CHANNEL)).hasSize(1);
    assertThat(slack.messages(CHANNEL).get(0).blocks()).contains("acknowledged");
  }

  @Test
  void readOnlyCommandsAnswerOnlyTheAsker() {
    alert("disk full");
    awaitMessages(1);
    HttpResponse<String> reply = post("/commands",
        slackRequests.slashCommand("/clarion", "list", KIM, CHANNEL, clock.instant()));
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.body()).contains("ephemeral", "#1 [triggered] disk full");
  }

  @Test
  void unknownSlackUserIsToldHowToLinkAndNothingChanges() {
    alert("disk full");
    awaitMessages(1);
    HttpResponse<String> reply = post("/commands",
        slackRequests.slashCommand("/clarion", "ack 1", "USTRANGER", CHANNEL, clock.instant()));
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.body()).contains("ephemeral", "chat: { slack: USTRANGER }");
    assertThat(status(1)).isEqualTo(IncidentStatus.TRIGGERED);
  }

  @Test
  void buttonPressAcksAndTheFakeReceivesChatUpdateWithTheNewStatus() {
    alert("queue backlog");
    FakeSlackApi.Message posted = awaitMessages(1).get(0);

    HttpResponse<String> reply = post("/interactivity", slackRequests.buttonPress(
        IncidentMessage.ACK, "1", KIM, CHANNEL, posted.ts(), clock.instant()));

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(status(1)).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    await().atMost(Duration.ofSeconds(10)).until(() -> !slack.calls("chat.update").isEmpty());
    FakeSlackApi.Call update = slack.calls("chat.update").get(0);
    assertThat(update.params()).containsEntry("channel", CHANNEL).containsEntry("ts", posted.ts());
    assertThat(update.params().get("blocks")).contains("acknowledged");

    // Resolve from the button too: the message loses its buttons.
    post("/interactivity", slackRequests.buttonPress(
        IncidentMessage.RESOLVE, "1", KIM, CHANNEL, posted.ts(), clock.instant()));
    assertThat(status(1)).isEqualTo(IncidentStatus.RESOLVED);
    await().atMost(Duration.ofSeconds(10)).until(() -> slack.messages(CHANNEL).get(0).updates() == 2);
    assertThat(slack.messages(CHANNEL).get(0).blocks()).contains("resolved")
        .doesNotContain("clarion_ack");
    assertThat(slack.calls("chat.postMessage")).hasSize(1);
  }

  @Test
  void aRefusedPressIsExplainedOnlyToThePresser() {
    alert("queue backlog");
    FakeSlackApi.Message posted = awaitMessages(1).get(0);

    // No escalation engine yet: "Escalate now" is refused, the presser is told, nothing changes.
    HttpResponse<String> reply = post("/interactivity", slackRequests.buttonPress(
        IncidentMessage.ESCALATE, "1", KIM, CHANNEL, posted.ts(), clock.instant()));

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(slack.calls("chat.postEphemeral")).singleElement().satisfies(c ->
        assertThat(c.params()).containsEntry("user", KIM).containsEntry("channel", CHANNEL));
    assertThat(status(1)).isEqualTo(IncidentStatus.TRIGGERED);
    assertThat(slack.calls("chat.update")).isEmpty();
  }

  @Test
  void forgedStaleTamperedAndReplayedRequestsGet401AndChangeNothing() {
    alert("disk full");
    awaitMessages(1);

    SlackRequests forger = new SlackRequests("not-the-signing-secret");
    assertThat(post("/commands", forger.slashCommand("/clarion", "ack 1", KIM, CHANNEL,
        clock.instant())).statusCode()).isEqualTo(401);
    assertThat(post("/interactivity", forger.buttonPress(IncidentMessage.ACK, "1", KIM, CHANNEL,
        "1.1", clock.instant())).statusCode()).isEqualTo(401);

    SlackRequests.Signed stale = slackRequests.slashCommand("/clarion", "ack 1", KIM, CHANNEL,
        clock.instant().minus(Duration.ofMinutes(6)));
    assertThat(post("/commands", stale).statusCode()).isEqualTo(401);

    SlackRequests.Signed signed = slackRequests.slashCommand("/clarion", "comment 1 looking",
        KIM, CHANNEL, clock.instant());
    SlackRequests.Signed tampered = new SlackRequests.Signed(
        signed.body().replace("comment", "resolve"), signed.headers());
    assertThat(post("/commands", tampered).statusCode()).isEqualTo(401);
    assertThat(status(1)).isEqualTo(IncidentStatus.TRIGGERED);

    assertThat(post("/commands", signed).statusCode()).isEqualTo(200);
    assertThat(post("/commands", signed).statusCode()).isEqualTo(401);
    assertThat(clarion.incidents().timeline(new IncidentId(1)))
        .filteredOn(e -> e.kind() == TimelineEntry.Kind.COMMENT).hasSize(1);
    assertThat(status(1)).isEqualTo(IncidentStatus.TRIGGERED);
  }

  @Test
  void eventsUrlVerificationAnswersTheChallenge() {
    String body = "{\"token\":\"t\",\"challenge\":\"abc123\",\"type\":\"url_verification\"}";
    SlackRequests.Signed signed = slackRequests.sign(body, clock.instant());
    HttpResponse<String> reply = send(HttpRequest.newBuilder(url("/events"))
        .header("Content-Type", "application/json")
        .header("X-Slack-Request-Timestamp", signed.headers().get("X-Slack-Request-Timestamp"))
        .header("X-Slack-Signature", signed.headers().get("X-Slack-Signature"))
        .POST(HttpRequest.BodyPublishers.ofString(body)));
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.body()).contains("abc123");
  }

  @Test
  void a429StormLosesNothingAndDuplicatesNothing() {
    slack.rateLimitNext(4, 1);
    for (int i = 1; i <= 3; i++) {
      alert("storm " + i);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> slack.messages(CHANNEL).size() == 3);
    assertThat(slack.rateLimitedCount()).isGreaterThanOrEqualTo(4);
    assertThat(slack.messages(CHANNEL)).extracting(FakeSlackApi.Message::text)
        .containsExactlyInAnyOrder("#1 storm 1 [triggered]", "#2 storm 2 [triggered]",
            "#3 storm 3 [triggered]");
    // Nothing further is queued to arrive later.
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
        .until(() -> slack.messages(CHANNEL).size() == 3);
  }

  /**
   * On PostgreSQL, the production database. (On H2 the outbox's {@code FOR UPDATE SKIP LOCKED}
   * query sometimes skips committed rows, so a later incident can overtake an earlier one; that is
   * the delivery layer's to fix and is reported there.)
   */
  @Test
  void aBurstOf50ArrivesCompleteAndInOrderWithinThePerChannelLimit() {
    stop();
    start("{ url: \"" + Postgres.url() + "\", user: postgres, password: \"\" }");
    for (int i = 1; i <= 50; i++) {
      alert("burst " + i);
    }
    await().atMost(Duration.ofSeconds(120)).until(() -> slack.messages(CHANNEL).size() == 50);
    assertThat(slack.messages(CHANNEL)).extracting(FakeSlackApi.Message::text)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 50)
            .mapToObj(i -> "#" + i + " burst " + i + " [triggered]").toList());
    // Clarion paces posts 1.1 s apart when it sends them; the fake, like Slack, measures on
    // arrival and answers 429 to a second post within one second. A delayed request can still
    // land too close to the next one: that costs a Retry-After pause, never a message or order.
    assertThat(slack.rateLimitedCount())
        .as(() -> slack.calls("chat.postMessage").stream().map(c -> c.at() + " "
            + c.params().get("text")).toList().toString())
        .isLessThanOrEqualTo(2);
    assertThat(slack.calls("chat.postMessage")).hasSize(50 + slack.rateLimitedCount());
  }

  private List<FakeSlackApi.Message> awaitMessages(int count) {
    await().atMost(Duration.ofSeconds(10)).until(() -> slack.messages(CHANNEL).size() >= count);
    return slack.messages(CHANNEL);
  }

  private IncidentStatus status(long id) {
    return clarion.incidents().get(new IncidentId(id)).status();
  }

  private void alert(String summary) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + clarion.port() + "/integration/standard/v1/standard-key-123"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"summary\":\"" + summary
            + "\",\"event_id\":\"" + UUID.randomUUID() + "\"}")));
    assertThat(r.statusCode()).isEqualTo(202);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + clarion.port() + "/channels/slack" + path);
  }

  private HttpResponse<String> post(String path, SlackRequests.Signed signed) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url(path));
    signed.headers().forEach(b::header);
    return send(b.POST(HttpRequest.BodyPublishers.ofString(signed.body())));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
