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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback stand-in for the Telegram Bot API ({@code POST /bot<token>/<method>} with JSON) that
 * behaves like the real one where Clarion depends on it: {@code {"ok":true,"result":...}} or
 * {@code {"ok":false,"error_code":...,"description":...}} with the HTTP status of the error code,
 * method names matched case-insensitively (telegrambots sends {@code sendmessage} but
 * {@code deleteWebhook}), messages with ids that {@code editMessageText} edits ("message is not
 * modified" when nothing changes, as Telegram answers), {@code getUpdates} serving queued updates
 * for long polling, and 429 {@code Too Many Requests: retry after N} with
 * {@code parameters.retry_after} when a chat gets more than one message a second, a group more
 * than 20 a minute, the bot more than 30 a second, or while a storm set by {@link #rateLimitNext}
 * lasts. Time comes from the injected {@link Clock}. Point telegrambots at {@link #port()}.
 */
public final class FakeTelegramBotApi implements AutoCloseable {
  public static final long BOT_ID = 7_000_000_001L;
  public static final String BOT_USERNAME = "clarion_test_bot";

  /** One API call as received, with the error code it was answered with (0 for ok). */
  public record Call(String method, JsonNode params, Instant at, int errorCode) {
    public String param(String name) {
      JsonNode value = params.get(name);
      return value == null || value.isNull() ? null : value.asText();
    }
  }

  /** A message as it reads now in a chat (after any edits). */
  public record Message(long chatId, long messageId, String text, String parseMode,
      JsonNode replyMarkup, int edits) {
    /** Texts of the inline keyboard's buttons, row by row flattened; empty without keyboard. */
    public List<String> buttons() {
      return buttonField("text");
    }

    /** The callback data of each button, in the order of {@link #buttons()}. */
    public List<String> callbackData() {
      return buttonField("callback_data");
    }

    private List<String> buttonField(String field) {
      List<String> out = new ArrayList<>();
      if (replyMarkup == null) {
        return out;
      }
      for (JsonNode row : replyMarkup.path("inline_keyboard")) {
        for (JsonNode button : row) {
          out.add(button.path(field).asText());
        }
      }
      return out;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Duration PER_CHAT = Duration.ofSeconds(1);
  private static final Duration PER_GROUP_WINDOW = Duration.ofMinutes(1);
  private static final int PER_GROUP = 20;
  private static final int GLOBAL_PER_SECOND = 30;
  /** Long polls are held at most this long, so tests and shutdowns stay quick. */
  private static final long LONG_POLL_CAP_MILLIS = 500;

  private final LoopbackServer server;
  private final Clock clock;
  private final String token;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, Message> messages = new LinkedHashMap<>();
  private final Map<Long, Instant> lastSendPerChat = new HashMap<>();
  private final Map<Long, Deque<Instant>> groupSends = new HashMap<>();
  private final Deque<Instant> allSends = new ArrayDeque<>();
  private final List<JsonNode> updates = new ArrayList<>();
  private final List<String> answeredCallbacks = new CopyOnWriteArrayList<>();
  private volatile JsonNode commands = NODES.arrayNode();
  private final AtomicInteger stormRemaining = new AtomicInteger();
  private final AtomicInteger stormRetryAfter = new AtomicInteger(1);
  private final AtomicInteger rateLimited = new AtomicInteger();
  private final AtomicLong nextMessageId = new AtomicLong(100);
  private final AtomicLong nextUpdateId = new AtomicLong(1);
  private final AtomicLong nextCallbackId = new AtomicLong(1);
  private long confirmedOffset;
  private volatile boolean closed;
  private volatile String stormMethod;

  public FakeTelegramBotApi(String botToken, Clock clock) {
    this.token = botToken;
    this.clock = clock;
    server = new LoopbackServer("fake-telegram", 6, "/", this::handle);
  }

  public int port() {
    return server.port();
  }

  /** {@code http://127.0.0.1:<port>}: for clients other than telegrambots. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The next {@code count} calls of any method answer 429 with {@code retry_after: seconds}. */
  public void rateLimitNext(int count, int retryAfterSeconds) {
    rateLimitNext(count, retryAfterSeconds, null);
  }

  /**
   * Like {@link #rateLimitNext(int, int)} for calls of one method only ({@code null}: any), so a
   * storm on {@code sendMessage} is not used up by long polls.
   */
  public void rateLimitNext(int count, int retryAfterSeconds, String method) {
    stormMethod = method == null ? null : method.toLowerCase(Locale.ROOT);
    stormRetryAfter.set(retryAfterSeconds);
    stormRemaining.set(count);
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Calls of one method (case-insensitive), in arrival order. */
  public List<Call> calls(String method) {
    return calls.stream().filter(c -> c.method().equalsIgnoreCase(method)).toList();
  }

  /** Messages in a chat, oldest first, as they read now. */
  public List<Message> messages(long chatId) {
    synchronized (messages) {
      return messages.values().stream().filter(m -> m.chatId() == chatId).toList();
    }
  }

  public Optional<Message> message(long chatId, long messageId) {
    synchronized (messages) {
      return Optional.ofNullable(messages.get(chatId + ":" + messageId));
    }
  }

  /** Ids of the callback queries the bot answered (the button spinner stopped). */
  public List<String> answeredCallbacks() {
    return List.copyOf(answeredCallbacks);
  }

  /** The bot's command list as last set with {@code setMyCommands}. */
  public JsonNode commands() {
    return commands;
  }

  /** How many calls got a 429. */
  public int rateLimitedCount() {
    return rateLimited.get();
  }

  /** How many updates the bot has confirmed by asking for a later offset. */
  public synchronized long confirmedUpdates() {
    return Math.max(0, confirmedOffset - 1);
  }

  /**
   * Builds the update for a text message a user sends (a command when it starts with "/"), queues
   * it for {@code getUpdates} and returns it (a webhook test posts it instead).
   */
  public JsonNode userMessage(long chatId, long fromUserId, String text) {
    ObjectNode message = NODES.objectNode();
    message.put("message_id", nextMessageId.getAndIncrement());
    message.put("date", clock.instant().getEpochSecond());
    message.set("chat", chat(chatId));
    message.set("from", user(fromUserId));
    message.put("text", text);
    if (text.startsWith("/")) {
      int end = text.indexOf(' ');
      ObjectNode entity = NODES.objectNode();
      entity.put("type", "bot_command");
      entity.put("offset", 0);
      entity.put("length", end < 0 ? text.length() : end);
      message.set("entities", NODES.arrayNode().add(entity));
    }
    ObjectNode update = NODES.objectNode();
    update.put("update_id", nextUpdateId.getAndIncrement());
    update.set("message", message);
    queue(update);
    return update;
  }

  /**
   * A user presses an inline button under a message: queues (and returns) the callback query
   * update. The callback data is taken as given, so tests can also forge it.
   */
  public JsonNode pressButton(long chatId, long messageId, long fromUserId, String data) {
    ObjectNode callback = NODES.objectNode();
    callback.put("id", "cb" + nextCallbackId.getAndIncrement());
    callback.set("from", user(fromUserId));
    ObjectNode message = NODES.objectNode();
    message.put("message_id", messageId);
    message.put("date", clock.instant().getEpochSecond());
    message.set("chat", chat(chatId));
    message(chatId, messageId).ifPresent(m -> message.put("text", m.text()));
    callback.set("message", message);
    callback.put("chat_instance", "ci" + chatId);
    callback.put("data", data);
    ObjectNode update = NODES.objectNode();
    update.put("update_id", nextUpdateId.getAndIncrement());
    update.set("callback_query", callback);
    queue(update);
    return update;
  }

  /** Queues an update for {@code getUpdates}; long polls waiting now return it. */
  public synchronized void queue(JsonNode update) {
    updates.add(update);
    notifyAll();
  }

  private static ObjectNode chat(long chatId) {
    ObjectNode chat = NODES.objectNode();
    chat.put("id", chatId);
    if (chatId < 0) {
      chat.put("type", "supergroup");
      chat.put("title", "Ops " + chatId);
    } else {
      chat.put("type", "private");
      chat.put("first_name", "User" + chatId);
    }
    return chat;
  }

  private static ObjectNode user(long userId) {
    ObjectNode user = NODES.objectNode();
    user.put("id", userId);
    user.put("is_bot", false);
    user.put("first_name", "User" + userId);
    user.put("username", "user" + userId);
    return user;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      int slash = path.indexOf('/', 1);
      if (!path.startsWith("/bot") || slash < 0) {
        error(exchange, "?", NODES.objectNode(), 404, "Not Found", null);
        return;
      }
      String presented = path.substring("/bot".length(), slash);
      String method = path.substring(slash + 1).toLowerCase(Locale.ROOT);
      JsonNode params = body.length == 0 ? NODES.objectNode() : JSON.readTree(body);
      if (!token.equals(presented)) {
        error(exchange, method, params, 401, "Unauthorized", null);
        return;
      }
      String stormOn = stormMethod;
      if ((stormOn == null || stormOn.equals(method))
          && stormRemaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        tooManyRequests(exchange, method, params, stormRetryAfter.get());
        return;
      }
      Instant now = clock.instant();
      switch (method) {
        case "getme" -> ok(exchange, method, params, botUser());
        case "deletewebhook", "setwebhook", "setmycommands", "answercallbackquery" -> {
          if (method.equals("setmycommands")) {
            commands = params.path("commands");
          }
          if (method.equals("answercallbackquery")) {
            answeredCallbacks.add(params.path("callback_query_id").asText());
          }
          ok(exchange, method, params, NODES.booleanNode(true));
        }
        case "sendmessage" -> send(exchange, method, params, now);
        case "editmessagetext", "editmessagereplymarkup" -> edit(exchange, method, params);
        case "getupdates" -> ok(exchange, method, params, updates(params));
        default -> error(exchange, method, params, 404, "Not Found: method not found", null);
      }
    }
  }

  private JsonNode botUser() {
    ObjectNode me = NODES.objectNode();
    me.put("id", BOT_ID);
    me.put("is_bot", true);
    me.put("first_name", "Clarion");
    me.put("username", BOT_USERNAME);
    return me;
  }

  private void send(HttpExchange exchange, String method, JsonNode params, Instant now)
      throws IOException {
    if (!params.hasNonNull("chat_id") || !params.hasNonNull("text")) {
      error(exchange, method, params, 400, "Bad Request: chat_id and text are required", null);
      return;
    }
    long chatId = params.get("chat_id").asLong();
    String text = params.get("text").asText();
    if (text.isEmpty() || text.length() > 4096) {
      error(exchange, method, params, 400, "Bad Request: message text is empty or too long",
          null);
      return;
    }
    Optional<Integer> wait = admit(chatId, now);
    if (wait.isPresent()) {
      tooManyRequests(exchange, method, params, wait.get());
      return;
    }
    long id = nextMessageId.getAndIncrement();
    Message m = new Message(chatId, id, text, params.path("parse_mode").asText(null),
        params.get("reply_markup"), 0);
    synchronized (messages) {
      messages.put(chatId + ":" + id, m);
    }
    ok(exchange, method, params, messageJson(m));
  }

  /** Checks Telegram's limits for one more message to {@code chatId}; the wait if over. */
  private synchronized Optional<Integer> admit(long chatId, Instant now) {
    Instant last = lastSendPerChat.get(chatId);
    if (last != null && now.isBefore(last.plus(PER_CHAT))) {
      return Optional.of(seconds(Duration.between(now, last.plus(PER_CHAT))));
    }
    while (!allSends.isEmpty() && !allSends.peekFirst().plusSeconds(1).isAfter(now)) {
      allSends.removeFirst();
    }
    if (allSends.size() >= GLOBAL_PER_SECOND) {
      return Optional.of(seconds(Duration.between(now, allSends.peekFirst().plusSeconds(1))));
    }
    Deque<Instant> group = groupSends.computeIfAbsent(chatId, c -> new ArrayDeque<>());
    if (chatId < 0) {
      while (!group.isEmpty() && !group.peekFirst().plus(PER_GROUP_WINDOW).isAfter(now)) {
        group.removeFirst();
      }
      if (group.size() >= PER_GROUP) {
        return Optional.of(seconds(Duration.between(now,
            group.peekFirst().plus(PER_GROUP_WINDOW))));
      }
      group.addLast(now);
    }
    lastSendPerChat.put(chatId, now);
    allSends.addLast(now);
    return Optional.empty();
  }

  private static int seconds(Duration wait) {
    return (int) Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  private void edit(HttpExchange exchange, String method, JsonNode params) throws IOException {
    String key = params.path("chat_id").asText() + ":" + params.path("message_id").asText();
    Message updated;
    synchronized (messages) {
      Message current = messages.get(key);
      if (current == null) {
        error(exchange, method, params, 400, "Bad Request: message to edit not found", null);
        return;
      }
      boolean newText = method.equals("editmessagetext");
      String text = newText ? params.path("text").asText() : current.text();
      String parseMode = newText ? params.path("parse_mode").asText(null) : current.parseMode();
      JsonNode markup = params.get("reply_markup");
      if (text.equals(current.text()) && java.util.Objects.equals(markup, current.replyMarkup())) {
        error(exchange, method, params, 400, "Bad Request: message is not modified: specified new "
            + "message content and reply markup are exactly the same", null);
        return;
      }
      updated = new Message(current.chatId(), current.messageId(), text, parseMode, markup,
          current.edits() + 1);
      messages.put(key, updated);
    }
    ok(exchange, method, params, messageJson(updated));
  }

  private JsonNode messageJson(Message m) {
    ObjectNode json = NODES.objectNode();
    json.put("message_id", m.messageId());
    json.put("date", clock.instant().getEpochSecond());
    json.set("chat", chat(m.chatId()));
    json.set("from", botUser());
    json.put("text", m.text());
    if (m.replyMarkup() != null) {
      json.set("reply_markup", m.replyMarkup());
    }
    return json;
  }

  /** Serves updates from {@code offset} on, holding the poll briefly when there are none. */
  private synchronized JsonNode updates(JsonNode params) {
    long offset = params.path("offset").asLong(0);
    confirmedOffset = Math.max(confirmedOffset, offset);
    long timeoutMillis = Math.min(params.path("timeout").asLong(0) * 1000, LONG_POLL_CAP_MILLIS);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (!closed) {
      ArrayNode out = NODES.arrayNode();
      updates.stream().filter(u -> u.path("update_id").asLong() >= offset).forEach(out::add);
      long left = deadline - System.nanoTime();
      if (!out.isEmpty() || left <= 0) {
        return out;
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return NODES.arrayNode();
  }

  private void ok(HttpExchange exchange, String method, JsonNode params, JsonNode result)
      throws IOException {
    calls.add(new Call(method, params, clock.instant(), 0));
    ObjectNode body = NODES.objectNode();
    body.put("ok", true);
    body.set("result", result);
    write(exchange, 200, body);
  }

  private void tooManyRequests(HttpExchange exchange, String method, JsonNode params,
      int retryAfter) throws IOException {
    rateLimited.incrementAndGet();
    ObjectNode parameters = NODES.objectNode();
    parameters.put("retry_after", retryAfter);
    error(exchange, method, params, 429, "Too Many Requests: retry after " + retryAfter,
        parameters);
  }

  private void error(HttpExchange exchange, String method, JsonNode params, int code,
      String description, JsonNode parameters) throws IOException {
    calls.add(new Call(method, params, clock.instant(), code));
    ObjectNode body = NODES.objectNode();
    body.put("ok", false);
    body.put("error_code", code);
    body.put("description", description);
    if (parameters != null) {
      body.set("parameters", parameters);
    }
    write(exchange, code, body);
  }

  private static void write(HttpExchange exchange, int status, JsonNode body) throws IOException {
    LoopbackServer.sendJson(exchange, status, JSON.writeValueAsBytes(body));
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    server.close();
  }
}
