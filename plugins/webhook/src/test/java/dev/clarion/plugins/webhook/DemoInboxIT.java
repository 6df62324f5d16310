package dev.clarion.plugins.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clarion.app.ClarionServer;
import dev.clarion.config.ChannelSettings;
import dev.clarion.config.ClarionConfig;
import dev.clarion.config.ConfigLoader;
import dev.clarion.config.DatabaseSettings;
import dev.clarion.config.ServerSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What {@code ./clarion demo} shows, on the shipped config/clarion.yml: an alert reaches the demo
 * inbox through the real webhook plugin, and the inbox's Acknowledge link acknowledges.
 */
class DemoInboxIT {
  private static final Path ROOT = Path.of("..", "..");
  private static final Pattern ACK = Pattern.compile("<a href=\"([^\"]+)\">Acknowledge</a>");
  private final HttpClient http = HttpClient.newHttpClient();

  private String call(HttpRequest.Builder request) throws Exception {
    return http.send(request.timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  @Test
  void anAlertArrivesInTheInboxAndItsLinkAcknowledges() throws Exception {
    ClarionConfig shipped = ConfigLoader.load(ROOT.resolve("config/clarion.yml"), Map.of());
    ServerSettings s = shipped.server();
    ChannelSettings c = shipped.channels();
    ClarionConfig config = shipped
        .withServer(new ServerSettings("127.0.0.1", 0, s.publicUrl(), s.maxBodyBytes(), s.noopEndpoint()))
        .withDatabase(new DatabaseSettings("jdbc:h2:mem:" + UUID.randomUUID()
            + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
            + "DEFAULT_NULL_ORDERING=HIGH", "sa", "", 4))
        .withChannels(new ChannelSettings(ROOT.resolve("build/plugins"), ROOT.resolve("templates"),
            c.linkSecret(), c.linkTtl(), c.maxAttempts(), c.webhookGlobalPerSecond(),
            c.webhookPerDestinationPerSecond(), c.demoInbox()));
    try (ClarionServer clarion = ClarionServer.start(config, Clock.systemUTC(), ROOT.resolve("workflows/escalation"))) {
      String base = "http://127.0.0.1:" + clarion.port();
      call(HttpRequest.newBuilder(URI.create(base + "/integration/standard/v1/demo-standard-key"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"summary\":\"RDS CPU over 90% <prod-db-1>\",\"event_id\":\"demo-1\"}")));

      await().atMost(Duration.ofSeconds(10))
          .until(() -> call(HttpRequest.newBuilder(URI.create(base + "/demo/inbox")).GET())
              .contains("New incident: RDS CPU over 90% &lt;prod-db-1&gt;"));
      String page = call(HttpRequest.newBuilder(URI.create(base + "/demo/inbox")).GET());
      Matcher ack = ACK.matcher(page);
      assertThat(ack.find()).isTrue();
      assertThat(call(HttpRequest.newBuilder(URI.create(ack.group(1).replace("&amp;", "&")))
          .GET())).contains("acknowledged");
      await().atMost(Duration.ofSeconds(10))
          .until(() -> call(HttpRequest.newBuilder(URI.create(base + "/demo/inbox")).GET())
              .contains("Acknowledged: RDS CPU"));
    }
  }
}
