package dev.clarion.plugins.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.app.ClarionServer;
import dev.clarion.config.ConfigLoader;
import dev.clarion.incident.IncidentId;
import dev.clarion.incident.IncidentStatus;
import dev.clarion.testkit.FakeDiscordApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default connection end to end: a real Clarion whose plugin runs JDA against
 * {@link FakeDiscordGateway} (WebSocket) and {@link FakeDiscordApi} (REST). An interaction pushed
 * over the gateway runs the command and is answered with an interaction callback at the fake.
 */
class DiscordGatewayIT {
  private static final String TOKEN = "discord-bot-token";
  private static final String CHANNEL = "900000000000000001";
  private static final String KIM = "310000000000000001";
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final Clock clock = Clock.systemUTC();
  private FakeDiscordApi discord;
  private FakeDiscordGateway gateway;
  private ClarionServer clarion;

  @BeforeEach
  void start() {
    discord = new FakeDiscordApi(TOKEN, clock);
    gateway = new FakeDiscordGateway();
    gateway.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> gateway.getPort() > 0);
  }

  private void startClarion(String channelsSection) {
    String yaml = """
        server: { host: 127.0.0.1, port: 0 }
        database: { url: "jdbc:h2:mem:%s;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" }
        services:
          - id: checkout
            name: Checkout
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
        %s
        discord:
          bot_token: %s
          public_key: %s
          api_url: %s
          gateway_url: %s
          chats:
            - id: "%s"
              services: [checkout]
        """.formatted(UUID.randomUUID(), KIM, channelsSection, TOKEN,
        new SignedInteractions().publicKeyHex(),
        discord.apiUrl(), gateway.url(), CHANNEL);
    clarion = ClarionServer.start(ConfigLoader.parse(yaml, "test.yml", Map.of()), clock);
  }

  @AfterEach
  void stop() throws Exception {
    if (clarion != null) {
      clarion.close();
    }
    gateway.stop(1000);
    discord.close();
  }

  @Test
  void slashCommandOverTheGatewayAcksAndIsAnsweredByCallback() {
    startClarion("");
    ackOverTheGateway();
  }

  /**
   * The packaged jar in PF4J's own class loader: JDA, okhttp and kotlin come from the jar, and
   * the gateway still connects and serves an interaction.
   */
  @Test
  void packagedPluginJarConnectsToTheGateway(@TempDir Path plugins) throws Exception {
    Path jar;
    try (var files = Files.list(Path.of("target"))) {
      jar = files.filter(f -> f.getFileName().toString().matches("clarion-discord-.*\\.jar"))
          .findFirst().orElseThrow(() -> new IllegalStateException("run mvn verify: no jar"));
    }
    Files.copy(jar, plugins.resolve(jar.getFileName()));
    startClarion("channels: { plugins_dir: \"" + plugins.toAbsolutePath() + "\" }");
    assertThat(clarion.plugins()).anySatisfy(p -> {
      assertThat(p.id()).isEqualTo("discord");
      assertThat(p.origin()).isEqualTo(jar.getFileName().toString());
    });
    ackOverTheGateway();
  }

  private void ackOverTheGateway() {
    await().atMost(WAIT).until(() -> gateway.identified.get() == 1);
    alert("Checkout 5xx");
    await().atMost(WAIT).until(() -> discord.messages(CHANNEL).size() == 1);

    gateway.dispatch("INTERACTION_CREATE",
        SignedInteractions.ack("gw-token", KIM, CHANNEL, 1));

    await().atMost(WAIT).until(() -> !discord.interactionAnswers("gw-token").isEmpty());
    JsonNode answer = discord.interactionAnswers("gw-token").get(0);
    assertThat(answer.path("type").asInt()).isEqualTo(4);
    assertThat(answer.path("data").path("content").asText()).contains("acknowledged by Kim");
    assertThat(clarion.incidents().get(new IncidentId(1)).status())
        .isEqualTo(IncidentStatus.ACKNOWLEDGED);
    await().atMost(WAIT).until(() -> discord.messages(CHANNEL).get(0).edits() >= 1);
    // JDA's REST went to the fake too: it checked the token there before connecting.
    assertThat(discord.calls("GET", "/users/@me")).isNotEmpty();
  }

  private void alert(String summary) {
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + clarion.port()
                  + "/integration/standard/v1/standard-key-123"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"summary\":\"" + summary
              + "\",\"event_id\":\"" + UUID.randomUUID() + "\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(202);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
