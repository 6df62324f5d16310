package dev.clarion.testkit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarion.api.ChannelPlugin;
import dev.clarion.app.ClarionServer;
import dev.clarion.audit.Actor;
import dev.clarion.command.CommandCatalog;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Clarion core for a test class: {@link ClarionServer} with the given YAML, clock and
 * channel plugin instances, on a free loopback port, plus a JSON client that speaks to it over
 * HTTP.
 *
 * <p>Registered on a {@code static} field it starts before all tests of the class and stops after
 * them; on an instance field it starts afresh for each test. A YAML without a top-level
 * {@code server:} gets {@code 127.0.0.1} port 0; one without {@code database:} gets a private
 * in-memory H2.
 *
 * <pre>{@code
 * class PagingIT {
 *   static final SettableClock clock = SettableClock.atDefaultStart();
 *   static final FakeChat chat = new FakeChat("slack");
 *
 *   @RegisterExtension
 *   static ClarionExtension clarion = ClarionExtension.withConfig("""
 *       services: [ { id: checkout, name: Checkout, impact: high } ]
 *       users: [ { id: kim, name: Kim, email: kim@example.com, role: responder } ]
 *       """).clock(clock).plugins(List.of(chat));
 *
 *   @Test
 *   void listsIncidents() {
 *     var response = clarion.get("/api/v1/incidents", clarion.token("kim"));
 *     assertThat(response.status()).isEqualTo(200);
 *   }
 * }
 * }</pre>
 */
public final class ClarionExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  public static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SERVER = Pattern.compile("(?m)^server\\s*:");
  private static final Pattern DATABASE = Pattern.compile("(?m)^database\\s*:");

  /** A response with its body parsed when it is JSON (a missing node otherwise). */
  public record Response(int status, JsonNode json, String body, HttpResponse<String> raw) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  private final String yaml;
  private Clock clock = Clock.systemUTC();
  private List<ChannelPlugin> plugins = List.of();
  private final HttpClient http = HttpClient.newHttpClient();
  private ClarionServer server;
  private String effectiveYaml;
  private boolean perClass;

  private ClarionExtension(String yaml) {
    this.yaml = Objects.requireNonNull(yaml, "yaml");
  }

  /** A Clarion configured by {@code yaml} (see the class comment for the defaults filled in). */
  public static ClarionExtension withConfig(String yaml) {
    return new ClarionExtension(yaml);
  }

  /** The clock the core runs on; a {@code SettableClock} lets the test move time. */
  public ClarionExtension clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Channel plugin instances the test observes (a FakeChat, say), besides those discovered. */
  public ClarionExtension plugins(List<? extends ChannelPlugin> plugins) {
    this.plugins = List.copyOf(plugins);
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!perClass) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  /**
   * Stops the core if it runs and starts it again on the same configuration and database (a fresh
   * port), as an operator's restart would.
   */
  public void restart() {
    stop();
    if (effectiveYaml == null) {
      start();
    } else {
      start(effectiveYaml);
    }
  }

  /** Stops the core early (to test what a restart finds); the extension stops it otherwise. */
  public void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  private void start() {
    String effective = yaml;
    if (!DATABASE.matcher(effective).find()) {
      effective = "database: { url: \"jdbc:h2:mem:" + UUID.randomUUID()
          + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
          + "DEFAULT_NULL_ORDERING=HIGH\" }\n"
          + effective;
    }
    if (!SERVER.matcher(effective).find()) {
      effective = "server: { host: 127.0.0.1, port: 0 }\n" + effective;
    }
    start(effective);
  }

  private void start(String effective) {
    effectiveYaml = effective;
    server = ClarionServer.start(ConfigLoader.parse(effective, "test.yml", Map.of()), clock,
        plugins);
  }

  /** The running core, for what the HTTP API does not show. */
  public ClarionServer server() {
    if (server == null) {
      throw new IllegalStateException("Clarion is not running: register the extension with "
          + "@RegisterExtension");
    }
    return server;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server().port());
  }

  /** The core's command catalogue, which chat buttons and slash commands go through. */
  public CommandCatalog catalog() {
    return server().catalog();
  }

  /** A fresh API token for a configured user. */
  public String token(String userId) {
    return server().tokens().create(new UserId(userId), "test", Actor.system("test"))
        .plainText();
  }

  /** POSTs a JSON body without credentials (as alert senders do). */
  public Response post(String path, String body) {
    return post(path, body, null);
  }

  /** POSTs a JSON body with a bearer token, unless {@code token} is null. */
  public Response post(String path, String body, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(baseUri().resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    return send(request, token);
  }

  /** GETs with a bearer token, unless {@code token} is null. */
  public Response get(String path, String token) {
    return send(HttpRequest.newBuilder(baseUri().resolve(path)).GET(), token);
  }

  private Response send(HttpRequest.Builder request, String token) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = JSON.readTree(response.body());
      } catch (IOException e) {
        json = null;
      }
      return new Response(response.statusCode(), json == null ? JSON.missingNode() : json,
          response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
