package dev.clarion.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarion.audit.Actor;
import dev.clarion.config.ClarionConfig;
import dev.clarion.config.ConfigLoader;
import dev.clarion.user.UserId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A real Clarion for integration tests: the server on a free loopback port with a YAML configuration,
 * plus an HTTP client that speaks to it exactly as senders and API users do.
 */
public final class RunningClarion implements AutoCloseable {
  public static final ObjectMapper JSON = new ObjectMapper();

  /** A response with its body parsed when it is JSON. */
  public record Response(int status, JsonNode json, String body, HttpResponse<String> raw) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  /** Users, services and integrations every integration test can rely on. */
  public static String standardYaml(String databaseUrl, String databaseUser) {
    return """
        server:
          host: 127.0.0.1
          port: 0
          max_body_bytes: 524288
          noop_endpoint: true
        database:
          url: "%s"
          user: %s
        services:
          - id: checkout
            impact: high
          - id: payments-db
            impact: high
          - id: tools
            impact: low
        users:
          - id: admin
            name: Admin
            email: admin@example.com
            role: admin
          - id: kim
            name: Kim Minji
            email: kim@example.com
            time_zone: Asia/Seoul
            locale: ko
            role: responder
          - id: viewer
            name: Vera Viewer
            email: vera@example.com
            role: viewer
        teams:
          - id: sre
            name: SRE
            members: [admin, kim]
        integrations:
          - id: standard
            name: Standard
            format: standard
            key: standard-key-123
            default_service: checkout
            default_urgency: high
            rules:
              - name: rds-to-db
                when:
                  - field: summary
                    op: contains
                    value: RDS
                route_to: payments-db
              - name: drop-tests
                when:
                  - field: details.env
                    op: equals
                    value: test
                drop: true
          - id: pagerduty
            name: PagerDuty senders
            format: pagerduty
            key: pagerduty-key-1234567890abcdef
            default_service: checkout
          - id: alertmanager
            name: Prometheus
            format: alertmanager
            key: alertmanager-key-123
            default_service: checkout
          - id: grafana
            name: Grafana
            format: grafana
            key: grafana-key-123
            default_service: tools
          - id: cloudwatch
            name: CloudWatch
            format: cloudwatch
            key: cloudwatch-key-123
            default_service: payments-db
          - id: slow
            name: Rate-limited sender
            format: standard
            key: slow-key-12345
            default_service: tools
            rate_limit: { per_second: 1, burst: 2 }
        """.formatted(databaseUrl, databaseUser);
  }

  private final ClarionServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;

  private RunningClarion(ClarionServer server) {
    this.server = server;
    this.base = URI.create("http://127.0.0.1:" + server.port());
  }

  public static RunningClarion start(String yaml, Clock clock) {
    return start(yaml, clock, java.util.List.of());
  }

  /** With channel plugin instances the test observes (a FakeChat, say). */
  public static RunningClarion start(String yaml, Clock clock,
      java.util.List<dev.clarion.api.ChannelPlugin> channels) {
    ClarionConfig config = ConfigLoader.parse(yaml, "test.yml", Map.of());
    return new RunningClarion(ClarionServer.start(config, clock, channels));
  }

  /** With escalation BPMN files from {@code workflows} instead of the repository's. */
  public static RunningClarion start(String yaml, Clock clock,
      java.util.List<dev.clarion.api.ChannelPlugin> channels, java.nio.file.Path workflows) {
    ClarionConfig config = ConfigLoader.parse(yaml, "test.yml", Map.of());
    return new RunningClarion(ClarionServer.start(config, clock, channels, workflows));
  }

  public ClarionServer server() {
    return server;
  }

  public URI base() {
    return base;
  }

  /** A fresh API token for a configured user. */
  public String token(String user) {
    return server.tokens().create(new UserId(user), "test", Actor.system("test")).plainText();
  }

  public Response post(String path, String body) {
    return send(HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response post(String path, String body, String token) {
    return send(HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /**
   * Announces a body of {@code length} bytes with {@code Expect: 100-continue}, as curl does for
   * large uploads, and returns the status line and body the server answers before any byte is sent.
   * (JDK 17's HttpClient hangs when the answer to Expect is not 100, so this speaks raw HTTP/1.1.)
   */
  public String refusedUpload(String path, long length) {
    try (var socket = new java.net.Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n"
          + "Expect: 100-continue\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Response get(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request);
  }

  public Response put(String path, String body, String token) {
    return send(HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token)
        .PUT(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response delete(String path, String token) {
    return send(HttpRequest.newBuilder(base.resolve(path))
        .header("Authorization", "Bearer " + token)
        .DELETE());
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = JSON.readTree(response.body());
      } catch (IOException e) {
        json = JSON.missingNode();
      }
      return new Response(response.statusCode(), json == null ? JSON.missingNode() : json, response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
