package dev.clarion.plugins.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clarion.app.ClarionServer;
import dev.clarion.config.ConfigLoader;
import dev.clarion.incident.IncidentId;
import dev.clarion.incident.IncidentStatus;
import dev.clarion.store.jdbc.JdbiAuditLog;
import dev.clarion.testkit.FakeDiscordApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Discord channel end to end: a real Clarion with the plugin from the class path, interactions
 * signed with a test Ed25519 key over real HTTP, and the loopback {@link FakeDiscordApi} as
 * Discord's REST API.
 */
class DiscordChannelIT {
  private static final String TOKEN = "discord-bot-token";
  private static final String CHANNEL = "900000000000000001";
  private static final String KIM = "310000000000000001";
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final Clock clock = Clock.systemUTC();
  private final HttpClient http = HttpClient.newHttpClient();
  private final SignedInteractions discordSide = new SignedInteractions();
  private FakeDiscordApi discord;
  private ClarionServer clarion;

  @BeforeEach
  void start() {
    discord = new FakeDiscordApi(TOKEN, clock);
    clarion = startClarion("");
  }

  private ClarionServer startClarion(String channelsExtra) {
    String yaml = """
        server: { host: 127.0.0.1, port: 0 }
        database: { url: "jdbc:h2:mem:%s;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" }
        services:
          - id: checkout
            name: Checkout
            impact: high
        users:
          - id: kim
            name: Kim
            email: kim@example.com
            role: responder
            chat: { discord: "%s" }
        integrations:
          - id: standard
            name: Standard
            format: standard
            key: standard-key-123
            default_service: checkout
        channels:
          link_secret: test-link-secret-0123456789
          %s
        discord:
          mode: http
          bot_token: %s
          public_key: %s
          api_url: %s
          chats:
            - id: "%s"
              services: [checkout]
        """.formatted(UUID.randomUUID(), KIM, channelsExtra, TOKEN,
        discordSide.publicKeyHex(), discord.apiUrl(), CHANNEL);
    return ClarionServer.start(ConfigLoader.parse(yaml, "test.yml", Map.of()), clock);
  }

  @AfterEach
  void stop() {
    clarion.close();
    discord.close();
  }

  @Test
  void everyCommandOfTheRealCatalogueIsRegisteredUnderClarion() {
    com.fasterxml.jackson.databind.JsonNode top = discord.commands().path(0).path("options");
    java.util.Set<String> registered = new java.util.HashSet<>();
    top.forEach(o -> {
      if (o.path("type").asInt() == 2) {
        o.path("options").forEach(sub -> registered.add(o.path("name").asText() + " "
            + sub.path("name").asText()));
      } else {
        registered.add(o.path("name").asText());
      }
    });
    assertThat(clarion.catalog().commands()).isNotEmpty().allSatisfy(c ->
        assertThat(registered).contains(c.name()));
    assertThat(registered).contains("maint start", "oncall cover", "incident escalate", "link");
  }

  @Test
  void slashCommandAcksTheIncidentAndTheEmbedIsEditedInPlace() throws Exception {
    assertThat(clarion.plugins()).anySatisfy(p -> assertThat(p.id()).isEqualTo("discord"));
    assertThat(discord.commands().path(0).path("name").asText()).isEqualTo("clarion");
    alert("Checkout 5xx above 5%");
    FakeDiscordApi.Message page = awaitMessages(1).get(0);
    assertThat(page.fields()).containsEntry("Service", "Checkout")
        .containsEntry("Status", "triggered");
    assertThat(page.buttonLabels()).containsExactly("Acknowledge", "Resolve", "Escalate now");

    HttpResponse<String> reply = post(discordSide.sign(
        SignedInteractions.ack(discordSide.token(), KIM, CHANNEL, 1), clock.instant()));

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.body()).contains("\"type\":4", "acknowledged by Kim")
        .doesNotContain("\"flags\"");
    assertThat(status(1)).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    assertThat(new JdbiAuditLog(clarion.database()).recent(null, 20))
        .anySatisfy(e -> assertThat(e.actor()).isEqualTo("user:kim via discord"));
    await().atMost(WAIT).until(() -> discord.messages(CHANNEL).get(0).edits() >= 1);
    assertThat(discord.messages(CHANNEL)).hasSize(1);
    assertThat(discord.messages(CHANNEL).get(0).fields()).containsEntry("Status", "acknowledged");
    assertThat(discord.messages(CHANNEL).get(0).buttonLabels()).containsExactly("Resolve");
  }

  @Test
  void buttonPressResolvesAndTheMessageAtTheFakeIsEdited() throws Exception {
    alert("queue backlog");
    FakeDiscordApi.Message page = awaitMessages(1).get(0);
    String resolve = page.customIds().get(1);

    HttpResponse<String> reply = post(discordSide.sign(SignedInteractions.button(
        discordSide.token(), KIM, CHANNEL, page.id(), resolve), clock.instant()));

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.body()).isEqualTo("{\"type\":6}");
    assertThat(status(1)).isEqualTo(IncidentStatus.RESOLVED);
    await().atMost(WAIT).until(() -> discord.message(CHANNEL, page.id()).orElseThrow()
        .fields().get("Status").equals("resolved"));
    assertThat(discord.message(CHANNEL, page.id()).orElseThrow().buttonLabels()).isEmpty();
    assertThat(discord.calls("POST", "/channels/" + CHANNEL + "/messages")).hasSize(1);
  }

  @Test
  void unknownDiscordUserIsToldOnlyThemselvesAndNothingChanges() throws Exception {
    alert("disk full");
    awaitMessages(1);
    HttpResponse<String> reply = post(discordSide.sign(
        SignedInteractions.ack(discordSide.token(), "999", CHANNEL, 1), clock.instant()));
    assertThat(reply.body()).contains("\"flags\":64", "chat: { discord: \\\"999\\\" }");
    assertThat(status(1)).isEqualTo(IncidentStatus.TRIGGERED);
  }

  @Test
  void forgedInteractionSignatureGets401AndTheIncidentIsUnchanged() throws Exception {
    alert("disk full");
    FakeDiscordApi.Message page = awaitMessages(1).get(0);
    SignedInteractions forger = new SignedInteractions();

    assertThat(post(forger.sign(SignedInteractions.ack("t", KIM, CHANNEL, 1), clock.instant()))
        .statusCode()).isEqualTo(401);
    assertThat(post(forger.sign(SignedInteractions.button("t", KIM, CHANNEL, page.id(),
        page.customIds().get(0)), clock.instant())).statusCode()).isEqualTo(401);
    assertThat(post(forger.sign(SignedInteractions.ping(), clock.instant())).statusCode())
        .isEqualTo(401);

    assertThat(status(1)).isEqualTo(IncidentStatus.TRIGGERED);
    assertThat(discord.messages(CHANNEL).get(0).edits()).isZero();
    assertThat(post(discordSide.sign(SignedInteractions.ping(), clock.instant())).body())
        .isEqualTo("{\"type\":1}");
  }

  @Test
  void a429StormLosesNothingAndDuplicatesNothing() {
    discord.rateLimitNext(4, 0.5);
    for (int i = 1; i <= 3; i++) {
      alert("storm " + i);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> discord.messages(CHANNEL).size() == 3);
    assertThat(discord.rateLimitedCount()).isGreaterThanOrEqualTo(4);
    assertThat(discord.messages(CHANNEL)).extracting(FakeDiscordApi.Message::content)
        .containsExactlyInAnyOrder("#1 storm 1 [triggered]", "#2 storm 2 [triggered]",
            "#3 storm 3 [triggered]");
    await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
        .until(() -> discord.messages(CHANNEL).size() == 3);
  }

  @Test
  void aBurstBeyondThePerChannelLimitArrivesCompleteWithoutDuplicates() {
    for (int i = 1; i <= 8; i++) {
      alert("burst " + i);
    }
    await().atMost(Duration.ofSeconds(40)).until(() -> discord.messages(CHANNEL).size() == 8);
    assertThat(discord.messages(CHANNEL)).extracting(FakeDiscordApi.Message::content)
        .doesNotHaveDuplicates().hasSize(8);
    assertThat(discord.calls("POST", "/channels/" + CHANNEL + "/messages"))
        .hasSize(8 + discord.rateLimitedCount());
  }

  /**
   * The packaged plugin jar (failsafe runs after {@code package}) loaded by PF4J from the plugins
   * directory, in its own class loader with the Jackson it bundles.
   */
  @Test
  void packagedPluginJarLoadsFromThePluginsDirectory(@TempDir Path plugins) throws Exception {
    clarion.close();
    Path jar;
    try (var files = Files.list(Path.of("target"))) {
      jar = files.filter(f -> f.getFileName().toString().matches("clarion-discord-.*\\.jar"))
          .findFirst().orElseThrow(() -> new IllegalStateException("run mvn verify: no jar"));
    }
    Files.copy(jar, plugins.resolve(jar.getFileName()));
    clarion = startClarion("plugins_dir: \"" + plugins.toAbsolutePath() + "\"");
    assertThat(clarion.plugins()).anySatisfy(p -> {
      assertThat(p.id()).isEqualTo("discord");
      assertThat(p.origin()).isEqualTo(jar.getFileName().toString());
      assertThat(p.ok()).isTrue();
    });
    alert("from the jar");
    FakeDiscordApi.Message page = awaitMessages(1).get(0);
    HttpResponse<String> reply = post(discordSide.sign(SignedInteractions.button(
        discordSide.token(), KIM, CHANNEL, page.id(), page.customIds().get(0)), clock.instant()));
    assertThat(reply.body()).isEqualTo("{\"type\":6}");
    assertThat(status(1)).isEqualTo(IncidentStatus.ACKNOWLEDGED);
  }

  private List<FakeDiscordApi.Message> awaitMessages(int count) {
    await().atMost(WAIT).until(() -> discord.messages(CHANNEL).size() >= count);
    return discord.messages(CHANNEL);
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

  private HttpResponse<String> post(SignedInteractions.Signed signed) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + clarion.port() + "/channels/discord/interactions"));
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
