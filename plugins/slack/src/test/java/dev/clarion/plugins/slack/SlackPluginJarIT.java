package dev.clarion.plugins.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clarion.app.ClarionServer;
import dev.clarion.config.ConfigLoader;
import dev.clarion.incident.IncidentId;
import dev.clarion.incident.IncidentStatus;
import dev.clarion.notification.NotificationStatus;
import dev.clarion.store.jdbc.JdbiAuditLog;
import dev.clarion.testkit.FakeSlackApi;
import dev.clarion.testkit.SlackRequests;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged, shaded plugin jar (failsafe runs after {@code package}) loaded by PF4J from the
 * plugins directory, in its own class loader with the Bolt, okhttp, Gson and Kotlin it bundles,
 * and driven end to end: a page, a signed slash command, the edit, the thread reply, and a
 * preview's Confirm button answered through {@code response_url}.
 */
class SlackPluginJarIT {
  private static final String TOKEN = "xoxb-jar-token";
  private static final String SECRET = "jar-signing-secret-0123";
  private static final String CHANNEL = "CJAR";
  private static final String KIM = "UKIM";
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final Clock clock = Clock.systemUTC();
  private final HttpClient http = HttpClient.newHttpClient();
  private final SlackRequests slackRequests = new SlackRequests(SECRET);
  private final FakeSlackApi slack = new FakeSlackApi(TOKEN, clock);
  private ClarionServer clarion;

  @AfterEach
  void stop() {
    if (clarion != null) {
      clarion.close();
    }
    slack.close();
  }

  @Test
  void thePackagedJarServesSignedSlashCommandsAndPostsThreadReplies(@TempDir Path plugins)
      throws Exception {
    Path jar;
    try (var files = Files.list(Path.of("target"))) {
      jar = files.filter(f -> f.getFileName().toString().matches("clarion-slack-.*\\.jar"))
          .findFirst().orElseThrow(() -> new IllegalStateException("run mvn verify: no jar"));
    }
    Files.copy(jar, plugins.resolve(jar.getFileName()));
    String yaml = """
        server: { host: 127.0.0.1, port: 0 }
        database: { url: "jdbc:h2:mem:%s;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" }
        services:
          - { id: checkout, name: Checkout, impact: high }
        users:
          - { id: kim, name: Kim, email: kim@example.com, role: responder, chat: { slack: %s } }
        integrations:
          - { id: standard, name: Standard, format: standard, key: standard-key-123, default_service: checkout }
        channels:
          plugins_dir: "%s"
          link_secret: test-link-secret-0123456789
        slack:
          bot_token: %s
          signing_secret: %s
          api_url: %s
          channels:
            - channel: %s
              services: [checkout]
        """.formatted(UUID.randomUUID(), KIM, plugins.toAbsolutePath(), TOKEN, SECRET,
        slack.apiUrl(), CHANNEL);
    clarion = ClarionServer.start(ConfigLoader.parse(yaml, "jar.yml", Map.of()), clock);
    assertThat(clarion.plugins()).anySatisfy(p -> {
      assertThat(p.id()).isEqualTo("slack");
      assertThat(p.origin()).isEqualTo(jar.getFileName().toString());
      assertThat(p.ok()).isTrue();
    });

    alert("from the jar");
    await().atMost(WAIT).until(() -> slack.messages(CHANNEL).size() == 1);
    FakeSlackApi.Message page = slack.messages(CHANNEL).get(0);
    assertThat(page.blocks()).contains("clarion_ack", "clarion_escalate");
    // The plugin read Slack's answer with its own Gson: the outbox row is delivered.
    await().atMost(WAIT).until(() -> clarion.notifications().forIncident(new IncidentId(1))
        .stream().allMatch(n -> n.status() == NotificationStatus.DELIVERED));

    HttpResponse<String> reply = post("/commands",
        slackRequests.slashCommand("/clarion", "ack 1", KIM, CHANNEL, clock.instant()));

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.body()).contains("in_channel", "acknowledged by Kim");
    assertThat(clarion.incidents().get(new IncidentId(1)).status())
        .isEqualTo(IncidentStatus.ACKNOWLEDGED);
    assertThat(new JdbiAuditLog(clarion.database()).recent(null, 20))
        .anySatisfy(e -> assertThat(e.actor()).isEqualTo("user:kim via slack"));
    await().atMost(WAIT).until(() -> slack.messages(CHANNEL).get(0).updates() == 1);
    await().atMost(WAIT).until(() -> slack.replies(CHANNEL, page.ts()).size() == 1);
    assertThat(slack.replies(CHANNEL, page.ts()).get(0).text()).contains("acknowledged by kim");

    // A preview's Confirm button, answered through response_url by the plugin's own HTTP client.
    HttpResponse<String> preview = post("/commands", slackRequests.slashCommand("/clarion",
        "maint start checkout 30m", KIM, CHANNEL, clock.instant()));
    java.util.regex.Matcher value = java.util.regex.Pattern
        .compile("\"value\":\"([A-Za-z0-9_-]+\\.[0-9]+\\.[A-Za-z0-9_-]+)\"")
        .matcher(preview.body());
    assertThat(value.find()).as(preview.body()).isTrue();
    post("/interactivity", slackRequests.buttonPress(ReplyMessage.OFFER + "0", value.group(1),
        KIM, CHANNEL, "1.1", clock.instant(), slack.responseUrl("confirm")));
    await().atMost(WAIT).until(() -> slack.responses().stream()
        .anyMatch(r -> r.body().contains("Maintenance window #1 started")));
  }

  private HttpResponse<String> post(String path, SlackRequests.Signed signed) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + clarion.port() + "/channels/slack" + path));
    signed.headers().forEach(request::header);
    return http.send(request.timeout(WAIT)
        .POST(HttpRequest.BodyPublishers.ofString(signed.body())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private void alert(String summary) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + clarion.port() + "/integration/standard/v1/standard-key-123"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"summary\":\"" + summary
            + "\",\"event_id\":\"" + UUID.randomUUID() + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(202);
  }
}
