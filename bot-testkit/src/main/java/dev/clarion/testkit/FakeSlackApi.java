package dev.clarion.testkit;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback stand-in for Slack's Web API ({@code POST /api/<method>}) that behaves like the real
 * one where Clarion depends on it: bearer-token auth, {@code {"ok":false,"error":...}} with HTTP 200
 * for API errors, {@code auth.test} with a team id, messages with {@code ts} that
 * {@code chat.update} edits, and HTTP 429 with {@code Retry-After} when a channel gets more than
 * one {@code chat.postMessage} per second (Slack's documented per-channel limit) or while a storm
 * set by {@link #rateLimitNext} lasts. Point the Slack SDK at {@link #apiUrl()}.
 *
 * <p>Thread replies ({@code chat.postMessage} with {@code thread_ts}) are kept apart from the
 * channel's top-level messages, as Slack's history shows them. {@code users.info} and {@code
 * users.lookupByEmail} know the users added with {@link #addUser} and answer {@code user_not_found}
 * / {@code users_not_found} otherwise. {@link #responseUrl} hands out {@code response_url}s whose
 * posts are recorded ({@link #responses()}), and {@link #hold} makes a method wait, to stand for
 * a slow Slack.
 */
public final class FakeSlackApi implements AutoCloseable {
  public static final String TEAM_ID = "T0CLARION";
  public static final String BOT_USER_ID = "U0CLARIONBOT";

  /** One API call as received. */
  public record Call(String method, Map<String, String> params, Instant at) {}

  /**
   * A message as it stands now in a channel (after any updates); {@code threadTs} is the parent's
   * ts for a thread reply, empty for a top-level message.
   */
  public record Message(String channel, String ts, String text, String blocks, int updates,
      String threadTs) {}

  /** A JSON body posted to a {@link #responseUrl}, as received. */
  public record Response(String name, String body) {}

  private final LoopbackServer server;
  private final Clock clock;
  private final String token;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, Message> messagesByTs = Collections.synchronizedMap(new LinkedHashMap<>());
  private final Map<String, Instant> lastPostPerChannel = new ConcurrentHashMap<>();
  private final Map<String, String> usersByEmail = new ConcurrentHashMap<>();
  private final Map<String, String> emailsByUser = new ConcurrentHashMap<>();
  private final Map<String, java.util.concurrent.CountDownLatch> held = new ConcurrentHashMap<>();
  private final List<Response> responses = new CopyOnWriteArrayList<>();
  private final AtomicInteger stormRemaining = new AtomicInteger();
  private final AtomicInteger stormRetryAfter = new AtomicInteger(1);
  private final AtomicInteger rateLimited = new AtomicInteger();
  private final AtomicLong sequence = new AtomicLong();
  private volatile String appToken;
  private volatile String socketModeUrl;

  public FakeSlackApi(String botToken, Clock clock) {
    this.token = botToken;
    this.clock = clock;
    server = new LoopbackServer("fake-slack", 4, "/api/", this::handle);
    server.handle("/response/", this::respond);
  }

  /** A {@code response_url} as Slack puts in a command or button payload; posts are recorded. */
  public String responseUrl(String name) {
    return "http://127.0.0.1:" + server.port() + "/response/" + name;
  }

  /** Everything posted to {@link #responseUrl}s, oldest first. */
  public List<Response> responses() {
    return List.copyOf(responses);
  }

  /**
   * Calls of {@code method} wait (at most 30 s) until the returned latch is counted down: a slow
   * Slack, for testing what happens meanwhile.
   */
  public java.util.concurrent.CountDownLatch hold(String method) {
    java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
    held.put(method, gate);
    return gate;
  }

  private void respond(HttpExchange exchange) throws IOException {
    try (exchange) {
      String name = exchange.getRequestURI().getPath().substring("/response/".length());
      responses.add(new Response(name,
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      // What Slack answers a response_url post with.
      exchange.getResponseHeaders().set("Content-Type", "text/html");
      byte[] ok = "ok".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, ok.length);
      exchange.getResponseBody().write(ok);
    }
  }

  /** The prefix to give Slack's SDK ({@code SlackConfig#setMethodsEndpointUrlPrefix}). */
  public String apiUrl() {
    return "http://127.0.0.1:" + server.port() + "/api/";
  }

  /**
   * Enables Socket Mode: {@code apps.connections.open}, called with {@code appToken}, hands out
   * {@code webSocketUrl} (a loopback WebSocket server the test runs).
   */
  public void socketMode(String appToken, String webSocketUrl) {
    this.appToken = appToken;
    this.socketModeUrl = webSocketUrl;
  }

  /** A workspace member: {@code users.info} shows the e-mail, {@code users.lookupByEmail} finds them. */
  public void addUser(String userId, String email) {
    usersByEmail.put(email.toLowerCase(java.util.Locale.ROOT), userId);
    emailsByUser.put(userId, email);
  }

  /** The next {@code count} calls of any method answer 429 with {@code Retry-After: seconds}. */
  public void rateLimitNext(int count, int retryAfterSeconds) {
    stormRetryAfter.set(retryAfterSeconds);
    stormRemaining.set(count);
  }

  public List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equals(method)).toList();
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Top-level messages in a channel, oldest first, as they read now. */
  public List<Message> messages(String channel) {
    synchronized (messagesByTs) {
      return messagesByTs.values().stream()
          .filter(m -> m.channel().equals(channel) && m.threadTs().isEmpty()).toList();
    }
  }

  /** Replies in the thread of the message {@code ts}, oldest first. */
  public List<Message> replies(String channel, String ts) {
    synchronized (messagesByTs) {
      return messagesByTs.values().stream()
          .filter(m -> m.channel().equals(channel) && m.threadTs().equals(ts)).toList();
    }
  }

  /** How many calls got a 429. */
  public int rateLimitedCount() {
    return rateLimited.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestURI().getPath().substring("/api/".length());
      Map<String, String> params = parse(exchange);
      Instant now = clock.instant();
      calls.add(new Call(method, params, now));

      if (stormRemaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        tooManyRequests(exchange, stormRetryAfter.get());
        return;
      }
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      String presented = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : params.get("token");
      if (method.equals("apps.connections.open") && appToken != null) {
        json(exchange, 200, appToken.equals(presented)
            ? "{\"ok\":true,\"url\":\"" + escape(socketModeUrl) + "\"}"
            : "{\"ok\":false,\"error\":\"invalid_auth\"}");
        return;
      }
      if (!token.equals(presented)) {
        json(exchange, 200, "{\"ok\":false,\"error\":\"" + (presented == null ? "not_authed" : "invalid_auth") + "\"}");
        return;
      }
      java.util.concurrent.CountDownLatch gate = held.get(method);
      if (gate != null) {
        try {
          gate.await(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      json(exchange, 200, answer(exchange, method, params, now));
    } catch (RateLimitedException e) {
      // answered already
    }
  }

  private String answer(HttpExchange exchange, String method, Map<String, String> params, Instant now)
      throws IOException {
    return switch (method) {
      case "auth.test" -> "{\"ok\":true,\"url\":\"https://clarion-test.slack.com/\",\"team\":\"Clarion Test\","
          + "\"user\":\"clarion\",\"team_id\":\"" + TEAM_ID + "\",\"user_id\":\"" + BOT_USER_ID
          + "\",\"bot_id\":\"B0CLARION\"}";
      case "chat.postMessage" -> post(exchange, params, now);
      case "chat.update" -> update(params);
      case "chat.postEphemeral" -> "{\"ok\":true,\"message_ts\":\"" + nextTs(now) + "\"}";
      case "conversations.open" -> "{\"ok\":true,\"channel\":{\"id\":\"D" + params.getOrDefault("users", "X") + "\"}}";
      case "users.lookupByEmail" -> {
        String id = usersByEmail.get(params.getOrDefault("email", "").toLowerCase(java.util.Locale.ROOT));
        yield id == null ? "{\"ok\":false,\"error\":\"users_not_found\"}"
            : "{\"ok\":true,\"user\":{\"id\":\"" + id + "\",\"profile\":{\"email\":\"" + escape(params.get("email")) + "\"}}}";
      }
      case "users.info" -> {
        String user = params.getOrDefault("user", "");
        String email = emailsByUser.get(user);
        yield email == null ? "{\"ok\":false,\"error\":\"user_not_found\"}"
            : "{\"ok\":true,\"user\":{\"id\":\"" + escape(user) + "\",\"team_id\":\"" + TEAM_ID
                + "\",\"name\":\"" + escape(user.toLowerCase(java.util.Locale.ROOT))
                + "\",\"deleted\":false,\"is_bot\":false,\"profile\":{\"email\":\"" + escape(email)
                + "\"}}}";
      }
      case "views.open", "views.update" -> "{\"ok\":true,\"view\":{\"id\":\"V" + sequence.incrementAndGet() + "\"}}";
      default -> "{\"ok\":false,\"error\":\"unknown_method\"}";
    };
  }

  private String post(HttpExchange exchange, Map<String, String> params, Instant now) throws IOException {
    String channel = params.get("channel");
    if (channel == null || channel.isBlank()) {
      return "{\"ok\":false,\"error\":\"channel_not_found\"}";
    }
    Instant last = lastPostPerChannel.get(channel);
    if (last != null && Duration.between(last, now).compareTo(Duration.ofSeconds(1)) < 0) {
      tooManyRequests(exchange, 1);
      throw new RateLimitedException();
    }
    String threadTs = params.getOrDefault("thread_ts", "");
    if (!threadTs.isEmpty()) {
      Message parent = messagesByTs.get(threadTs);
      if (parent == null || !parent.channel().equals(channel)) {
        return "{\"ok\":false,\"error\":\"thread_not_found\"}";
      }
    }
    lastPostPerChannel.put(channel, now);
    String ts = nextTs(now);
    messagesByTs.put(ts, new Message(channel, ts, params.getOrDefault("text", ""),
        params.getOrDefault("blocks", ""), 0, threadTs));
    return "{\"ok\":true,\"channel\":\"" + escape(channel) + "\",\"ts\":\"" + ts + "\",\"message\":{\"text\":\""
        + escape(params.getOrDefault("text", "")) + "\",\"ts\":\"" + ts + "\"}}";
  }

  private String update(Map<String, String> params) {
    String ts = params.get("ts");
    Message current = ts == null ? null : messagesByTs.get(ts);
    if (current == null || !current.channel().equals(params.get("channel"))) {
      return "{\"ok\":false,\"error\":\"message_not_found\"}";
    }
    messagesByTs.put(ts, new Message(current.channel(), ts, params.getOrDefault("text", current.text()),
        params.getOrDefault("blocks", current.blocks()), current.updates() + 1, current.threadTs()));
    return "{\"ok\":true,\"channel\":\"" + escape(current.channel()) + "\",\"ts\":\"" + ts + "\"}";
  }

  private String nextTs(Instant now) {
    return now.getEpochSecond() + "." + String.format("%06d", sequence.incrementAndGet() % 1_000_000);
  }

  private void tooManyRequests(HttpExchange exchange, int retryAfter) throws IOException {
    rateLimited.incrementAndGet();
    exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfter));
    json(exchange, 429, "{\"ok\":false,\"error\":\"ratelimited\"}");
  }

  private static Map<String, String> parse(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> params = new LinkedHashMap<>();
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type != null && type.startsWith("application/json")) {
      params.put("_json", body);
      return params;
    }
    String query = exchange.getRequestURI().getRawQuery();
    for (String source : new String[] {query, body}) {
      if (source == null || source.isEmpty()) {
        continue;
      }
      for (String pair : source.split("&")) {
        int eq = pair.indexOf('=');
        String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        params.put(key, value);
      }
    }
    return params;
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    LoopbackServer.sendJson(exchange, status, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /** Unwinds {@link #answer} after a 429 was already written. */
  private static final class RateLimitedException extends RuntimeException {
    RateLimitedException() {
      super(null, null, false, false);
    }
  }

  @Override
  public void close() {
    server.close();
  }

}
