package dev.clarion.plugins.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clarion.app.ClarionServer;
import dev.clarion.config.ConfigLoader;
import dev.clarion.incident.IncidentFilter;
import dev.clarion.incident.IncidentId;
import dev.clarion.incident.IncidentStatus;
import dev.clarion.testkit.FakeSlackApi;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Socket Mode end to end: Clarion opens the WebSocket URL that {@code apps.connections.open}
 * returns; a loopback server plays Slack, pushing a slash-command envelope and reading the ack.
 */
class SocketModeIT {
  private static final String TOKEN = "xoxb-test-token";
  private static final String APP_TOKEN = "xapp-test-token";

  /** Slack's side of the socket: says hello, then pushes what the test sends. */
  static final class FakeSocket extends WebSocketServer {
    final List<WebSocket> open = new CopyOnWriteArrayList<>();
    final List<String> received = new CopyOnWriteArrayList<>();

    FakeSocket() {
      super(new InetSocketAddress("127.0.0.1", 0));
      setReuseAddr(true);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
      conn.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake\"},"
          + "\"connection_info\":{\"app_id\":\"A0CLARION\"}}");
      open.add(conn);
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
      open.remove(conn);
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
      received.add(message);
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {}

    @Override
    public void onStart() {}
  }

  private final Clock clock = Clock.systemUTC();
  private FakeSlackApi slack;
  private FakeSocket socket;
  private ClarionServer clarion;

  @BeforeEach
  void start() throws Exception {
    slack = new FakeSlackApi(TOKEN, clock);
    socket = new FakeSocket();
    socket.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> socket.getPort() > 0);
    slack.socketMode(APP_TOKEN, "ws://127.0.0.1:" + socket.getPort() + "/link");
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
            chat: { slack: UKIM }
        integrations:
          - id: standard
            name: Standard
            format: standard
            key: standard-key-123
            default_service: checkout
        slack:
          bot_token: %s
          signing_secret: unused-in-socket-mode
          app_token: %s
          api_url: %s
        """.formatted(UUID.randomUUID(), TOKEN, APP_TOKEN, slack.apiUrl());
    clarion = ClarionServer.start(ConfigLoader.parse(yaml, "test.yml", Map.of()), clock);
  }

  @AfterEach
  void stop() throws Exception {
    clarion.close();
    socket.stop(1000);
    slack.close();
  }

  @Test
  void slashCommandOverTheSocketAcksAndIsAnsweredInTheEnvelope() throws Exception {
    HttpResponse<String> alert = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + clarion.port()
                + "/integration/standard/v1/standard-key-123"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"summary\":\"disk full\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(alert.statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> !socket.open.isEmpty());
    await().atMost(Duration.ofSeconds(10))
        .until(() -> !clarion.incidents().list(IncidentFilter.all(10)).isEmpty());

    socket.open.get(0).send("{\"envelope_id\":\"env-1\",\"type\":\"slash_commands\","
        + "\"accepts_response_payload\":true,\"payload\":{\"token\":\"t\",\"team_id\":\""
        + FakeSlackApi.TEAM_ID + "\",\"team_domain\":\"clarion-test\",\"channel_id\":\"C1\","
        + "\"channel_name\":\"incidents\",\"user_id\":\"UKIM\",\"user_name\":\"kim\","
        + "\"command\":\"/clarion\",\"text\":\"ack 1\",\"api_app_id\":\"A0CLARION\","
        + "\"response_url\":\"http://127.0.0.1:9/r\",\"trigger_id\":\"t1\"}}");

    await().atMost(Duration.ofSeconds(10)).until(() -> socket.received.stream()
        .anyMatch(m -> m.contains("env-1")));
    assertThat(socket.received).anySatisfy(m ->
        assertThat(m).contains("env-1", "in_channel", "acknowledged by Kim"));
    assertThat(clarion.incidents().get(new IncidentId(1)).status())
        .isEqualTo(IncidentStatus.ACKNOWLEDGED);
  }
}
