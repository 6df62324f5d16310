package dev.clarion.plugins.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Discord's REST API over the JDK's HttpClient: {@code Authorization: Bot <token>}, JSON both
 * ways, and a 429's wait read from the JSON {@code retry_after} (seconds, fractional) or the
 * {@code Retry-After} header. It never retries on its own: the core's delivery layer owns retries
 * and limits, and interaction follow-ups retry in {@link Interactions}.
 */
final class DiscordRest {
  /** One answer: status, body (possibly empty JSON), and for a 429 how long to wait. */
  record Answer(int status, JsonNode body, Optional<Duration> retryAfter) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);
  private static final String USER_AGENT = "DiscordBot (https://github.com/clarion, 0.1.0)";

  private final HttpClient http;
  private final URI base;
  private final String token;

  DiscordRest(URI base, String token) {
    this.base = base;
    this.token = token;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  Answer get(String path) throws IOException, InterruptedException {
    return send("GET", path, null, true);
  }

  Answer send(String method, String path, JsonNode body) throws IOException, InterruptedException {
    return send(method, path, body, true);
  }

  /** Interaction webhooks are authorised by their token in the path, not the bot token. */
  Answer sendUnauthenticated(String method, String path, JsonNode body)
      throws IOException, InterruptedException {
    return send(method, path, body, false);
  }

  private Answer send(String method, String path, JsonNode body, boolean authorise)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(15))
        .header("User-Agent", USER_AGENT)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (authorise) {
      request.header("Authorization", "Bot " + token);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json;
    try {
      json = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      json = JSON.createObjectNode().put("message", response.body());
    }
    Optional<Duration> wait = Optional.empty();
    if (response.statusCode() == 429) {
      wait = Optional.of(retryAfter(json, response.headers().firstValue("Retry-After")));
    }
    return new Answer(response.statusCode(), json, wait);
  }

  static Duration retryAfter(JsonNode body, Optional<String> header) {
    if (body.hasNonNull("retry_after")) {
      double seconds = body.get("retry_after").asDouble(-1);
      if (seconds >= 0) {
        return Duration.ofMillis((long) Math.ceil(seconds * 1000));
      }
    }
    try {
      return header.map(String::strip).map(Long::parseLong).map(Duration::ofSeconds)
          .filter(d -> !d.isNegative()).orElse(DEFAULT_RETRY_AFTER);
    } catch (NumberFormatException e) {
      return DEFAULT_RETRY_AFTER;
    }
  }
}
