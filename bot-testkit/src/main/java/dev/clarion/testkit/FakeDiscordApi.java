package dev.clarion.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for Discord's REST API v10 (base {@link #apiUrl()}) where Clarion depends on
 * it: {@code GET /users/@me}, {@code POST /channels/{id}/messages}, {@code PATCH
 * /channels/{id}/messages/{mid}} (404 "Unknown Message", code 10008, for a message it never
 * posted), interaction callbacks {@code POST /interactions/{id}/{token}/callback}, webhook
 * follow-ups ({@code POST /webhooks/{app}/{token}}, {@code PATCH .../messages/@original}) and
 * {@code PUT /applications/{app}/commands}. Bot routes need {@code Authorization: Bot <token>}.
 * A message posted with {@code enforce_nonce} and a nonce seen before returns the earlier message
 * instead of posting again, as Discord does.
 *
 * <p>Rate limits as Discord enforces them, measured on arrival with the injected {@link Clock}:
 * 50 requests a second per bot (global) and 5 per 5 seconds per route and channel, plus a storm
 * set by {@link #rateLimitNext}. A 429 carries what clients look for: {@code Via: 1.1 google}
 * (without it JDA takes a 429 for a Cloudflare ban), {@code Retry-After}, the {@code
 * X-RateLimit-*} headers, and JSON {@code retry_after} in (fractional) seconds.
 */
public final class FakeDiscordApi implements AutoCloseable {
  public static final String APPLICATION_ID = "1100000000000000001";
  public static final int GLOBAL_PER_SECOND = 50;
  public static final int PER_CHANNEL = 5;
  public static final Duration PER_CHANNEL_WINDOW = Duration.ofSeconds(5);

  /** One request as received, with the status it was answered with. */
  public record Call(String method, String path, JsonNode body, Instant at, int status) {}

  /** A message as it reads now in a channel (after any edits). */
  public record Message(String channelId, String id, JsonNode body, int edits) {
    public String content() {
      return body.path("content").asText();
    }

    /** The first embed's field values by name. */
    public Map<String, String> fields() {
      Map<String, String> out = new LinkedHashMap<>();
      for (JsonNode f : body.path("embeds").path(0).path("fields")) {
        out.put(f.path("name").asText(), f.path("value").asText());
      }
      return out;
    }

    public List<String> buttonLabels() {
      return buttons("label");
    }

    public List<String> customIds() {
      return buttons("custom_id");
    }

    private List<String> buttons(String field) {
      List<String> out = new ArrayList<>();
      for (JsonNode row : body.path("components")) {
        for (JsonNode button : row.path("components")) {
          out.add(button.path(field).asText());
        }
      }
      return out;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern MESSAGES = Pattern.compile("/channels/(\\d+)/messages");
  private static final Pattern MESSAGE = Pattern.compile("/channels/(\\d+)/messages/(\\d+)");
  private static final Pattern CALLBACK = Pattern.compile("/interactions/(\\d+)/([^/]+)/callback");
  private static final Pattern ORIGINAL =
      Pattern.compile("/webhooks/(\\d+)/([^/]+)/messages/@original");
  private static final Pattern FOLLOW_UP = Pattern.compile("/webhooks/(\\d+)/([^/]+)");
  private static final Pattern COMMANDS = Pattern.compile("/applications/(\\d+)/commands");

  private final LoopbackServer server;
  private final Clock clock;
  private final String token;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, Message> messages = new LinkedHashMap<>();
  private final Map<String, Deque<Instant>> buckets = new HashMap<>();
  private final Deque<Instant> global = new ArrayDeque<>();
  private final Map<String, List<JsonNode>> interactionAnswers = new LinkedHashMap<>();
  private volatile JsonNode commands = NODES.arrayNode();
  private final AtomicInteger stormRemaining = new AtomicInteger();
  private volatile double stormRetryAfter = 1;
  private final AtomicInteger rateLimited = new AtomicInteger();
  private final AtomicLong nextId = new AtomicLong(1_200_000_000_000_000_000L);

  public FakeDiscordApi(String botToken, Clock clock) {
    this.token = botToken;
    this.clock = clock;
    server = new LoopbackServer("fake-discord", 6, "/", this::handle);
  }

  /** {@code http://127.0.0.1:<port>/api/v10}: what {@code discord.api_url} points at. */
  public String apiUrl() {
    return "http://127.0.0.1:" + server.port() + "/api/v10";
  }

  /** The next {@code count} bot requests answer 429 with {@code retry_after: seconds}. */
  public void rateLimitNext(int count, double retryAfterSeconds) {
    stormRetryAfter = retryAfterSeconds;
    stormRemaining.set(count);
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Calls with this method whose path matches {@code pathRegex} (without /api/v10). */
  public List<Call> calls(String method, String pathRegex) {
    return calls.stream().filter(c -> c.method().equals(method) && c.path().matches(pathRegex))
        .toList();
  }

  public int rateLimitedCount() {
    return rateLimited.get();
  }

  public List<Message> messages(String channelId) {
    synchronized (messages) {
      return messages.values().stream().filter(m -> m.channelId().equals(channelId)).toList();
    }
  }

  public Optional<Message> message(String channelId, String messageId) {
    synchronized (messages) {
      return Optional.ofNullable(messages.get(channelId + ":" + messageId));
    }
  }

  /** What was sent for an interaction token: callbacks, follow-ups and edits of @original. */
  public List<JsonNode> interactionAnswers(String interactionToken) {
    synchronized (interactionAnswers) {
      return List.copyOf(interactionAnswers.getOrDefault(interactionToken, List.of()));
    }
  }

  /** The application commands as last overwritten with {@code PUT}. */
  public JsonNode commands() {
    return commands;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      byte[] raw = exchange.getRequestBody().readAllBytes();
      JsonNode body = raw.length == 0 ? NODES.objectNode() : parse(raw);
      if (!path.startsWith("/api/v10/")) {
        answer(exchange, method, path, body, 404, error(0, "404: Not Found"));
        return;
      }
      path = path.substring("/api/v10".length());
      boolean webhook = path.startsWith("/webhooks/") || path.startsWith("/interactions/");
      if (!webhook && !("Bot " + token).equals(
          exchange.getRequestHeaders().getFirst("Authorization"))) {
        answer(exchange, method, path, body, 401, error(0, "401: Unauthorized"));
        return;
      }
      if (body == null) {
        answer(exchange, method, path, NODES.objectNode(), 400, error(50109,
            "The request body contains invalid JSON."));
        return;
      }
      Optional<Double> limited = rateLimit(method, path);
      if (limited.isPresent()) {
        rateLimited.incrementAndGet();
        double seconds = limited.get();
        var h = exchange.getResponseHeaders();
        h.set("Via", "1.1 google");
        h.set("Retry-After", Long.toString((long) Math.ceil(seconds)));
        h.set("X-RateLimit-Limit", Integer.toString(PER_CHANNEL));
        h.set("X-RateLimit-Remaining", "0");
        h.set("X-RateLimit-Reset", String.format(java.util.Locale.ROOT, "%.3f",
            clock.instant().toEpochMilli() / 1000.0 + seconds));
        h.set("X-RateLimit-Reset-After", String.format(java.util.Locale.ROOT, "%.3f", seconds));
        h.set("X-RateLimit-Bucket", Integer.toHexString(bucket(method, path).hashCode()));
        h.set("X-RateLimit-Scope", "user");
        ObjectNode answer = NODES.objectNode().put("message", "You are being rate limited.")
            .put("retry_after", seconds).put("global", false);
        answer(exchange, method, path, body, 429, answer);
        return;
      }
      route(exchange, method, path, body);
    } catch (RuntimeException e) {
      calls.add(new Call("?", "?", NODES.objectNode(), clock.instant(), 500));
      throw e;
    }
  }

  private void route(HttpExchange exchange, String method, String path, JsonNode body)
      throws IOException {
    Matcher m;
    if (method.equals("GET") && path.equals("/users/@me")) {
      answer(exchange, method, path, body, 200, NODES.objectNode().put("id", APPLICATION_ID)
          .put("username", "clarion").put("discriminator", "0000").put("bot", true));
    } else if (method.equals("POST") && (m = MESSAGES.matcher(path)).matches()) {
      Message message;
      synchronized (messages) {
        String nonce = body.path("enforce_nonce").asBoolean(false)
            ? body.path("nonce").asText(null) : null;
        Message earlier = nonce == null ? null : messages.values().stream()
            .filter(x -> nonce.equals(x.body().path("nonce").asText(null))).findFirst()
            .orElse(null);
        if (earlier != null) {
          message = earlier;
        } else {
          String id = Long.toString(nextId.incrementAndGet());
          message = new Message(m.group(1), id, body, 0);
          messages.put(m.group(1) + ":" + id, message);
        }
      }
      answer(exchange, method, path, body, 200, messageJson(message));
    } else if (method.equals("PATCH") && (m = MESSAGE.matcher(path)).matches()) {
      String key = m.group(1) + ":" + m.group(2);
      Message edited;
      synchronized (messages) {
        Message old = messages.get(key);
        edited = old == null ? null : new Message(old.channelId(), old.id(), body, old.edits() + 1);
        if (edited != null) {
          messages.put(key, edited);
        }
      }
      if (edited == null) {
        answer(exchange, method, path, body, 404, error(10008, "Unknown Message"));
      } else {
        answer(exchange, method, path, body, 200, messageJson(edited));
      }
    } else if (method.equals("POST") && (m = CALLBACK.matcher(path)).matches()) {
      interactionAnswer(m.group(2), body);
      answer(exchange, method, path, body, 204, null);
    } else if (method.equals("PATCH") && (m = ORIGINAL.matcher(path)).matches()) {
      interactionAnswer(m.group(2), body);
      answer(exchange, method, path, body, 200, NODES.objectNode()
          .put("id", Long.toString(nextId.incrementAndGet())).setAll((ObjectNode) body));
    } else if (method.equals("POST") && (m = FOLLOW_UP.matcher(path)).matches()) {
      interactionAnswer(m.group(2), body);
      answer(exchange, method, path, body, 200, NODES.objectNode()
          .put("id", Long.toString(nextId.incrementAndGet())).setAll((ObjectNode) body));
    } else if (method.equals("PUT") && (m = COMMANDS.matcher(path)).matches()) {
      commands = body;
      answer(exchange, method, path, body, 200, body);
    } else {
      answer(exchange, method, path, body, 404, error(0, "404: Not Found"));
    }
  }

  private void interactionAnswer(String interactionToken, JsonNode body) {
    synchronized (interactionAnswers) {
      interactionAnswers.computeIfAbsent(interactionToken, t -> new ArrayList<>()).add(body);
    }
  }

  /** Empty when the request may pass (and then counts it), else the seconds to wait. */
  private synchronized Optional<Double> rateLimit(String method, String path) {
    boolean webhook = path.startsWith("/webhooks/") || path.startsWith("/interactions/");
    if (!webhook && stormRemaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return Optional.of(stormRetryAfter);
    }
    Instant now = clock.instant();
    if (!webhook) {
      trim(global, now.minusSeconds(1));
      if (global.size() >= GLOBAL_PER_SECOND) {
        return Optional.of(waitSeconds(global.peekFirst().plusSeconds(1), now));
      }
    }
    String bucket = bucket(method, path);
    Deque<Instant> sent = null;
    if (bucket != null) {
      sent = buckets.computeIfAbsent(bucket, b -> new ArrayDeque<>());
      trim(sent, now.minus(PER_CHANNEL_WINDOW));
      if (sent.size() >= PER_CHANNEL) {
        return Optional.of(waitSeconds(sent.peekFirst().plus(PER_CHANNEL_WINDOW), now));
      }
      sent.addLast(now);
    }
    if (!webhook) {
      global.addLast(now);
    }
    return Optional.empty();
  }

  /** Message routes are limited per channel (Discord's "major parameter"); others are not. */
  private static String bucket(String method, String path) {
    Matcher m = MESSAGE.matcher(path);
    if (m.matches()) {
      return method + " channel " + m.group(1) + " message";
    }
    m = MESSAGES.matcher(path);
    return m.matches() ? method + " channel " + m.group(1) + " messages" : null;
  }

  private static double waitSeconds(Instant until, Instant now) {
    return Math.max(0.001, Duration.between(now, until).toMillis() / 1000.0);
  }

  private static void trim(Deque<Instant> window, Instant cutoff) {
    while (!window.isEmpty() && !window.peekFirst().isAfter(cutoff)) {
      window.removeFirst();
    }
  }

  private static JsonNode parse(byte[] raw) {
    try {
      return JSON.readTree(raw);
    } catch (IOException e) {
      return null;
    }
  }

  private static ObjectNode messageJson(Message m) {
    ObjectNode json = NODES.objectNode();
    json.setAll((ObjectNode) m.body().deepCopy());
    json.put("id", m.id()).put("channel_id", m.channelId());
    return json;
  }

  private static ObjectNode error(int code, String message) {
    return NODES.objectNode().put("code", code).put("message", message);
  }

  private void answer(HttpExchange exchange, String method, String path, JsonNode request,
      int status, JsonNode body) throws IOException {
    calls.add(new Call(method, path, request, clock.instant(), status));
    if (status != 429) {
      var h = exchange.getResponseHeaders();
      h.set("X-RateLimit-Limit", Integer.toString(PER_CHANNEL));
      h.set("X-RateLimit-Remaining", "1");
      h.set("X-RateLimit-Reset-After", "1.000");
    }
    if (body == null) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    LoopbackServer.sendJson(exchange, status, JSON.writeValueAsBytes(body));
  }

  @Override
  public void close() {
    server.close();
  }
}
