package dev.clarion.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeTelegramBotApiTest {
  private static final String TOKEN = "123:secret";
  private static final ObjectMapper JSON = new ObjectMapper();
  private final SettableClock clock = SettableClock.atDefaultStart();
  private final FakeTelegramBotApi fake = new FakeTelegramBotApi(TOKEN, clock);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    fake.close();
  }

  private Answer call(String token, String method, String body) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(
              URI.create(fake.baseUrl() + "/bot" + token + "/" + method))
          .header("Content-Type", "application/json")
          .timeout(Duration.ofSeconds(5))
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), JSON.readTree(r.body()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Answer call(String method, String body) {
    return call(TOKEN, method, body);
  }

  record Answer(int status, JsonNode body) {}

  @Test
  void sendsRecordsAndEditsMessagesMatchingMethodNamesCaseInsensitively() {
    Answer sent = call("sendmessage", "{\"chat_id\":42,\"text\":\"<b>Disk</b> full\","
        + "\"parse_mode\":\"HTML\",\"reply_markup\":{\"inline_keyboard\":[[{\"text\":\"Ack\","
        + "\"callback_data\":\"a:1\"}]]}}");
    assertThat(sent.status()).isEqualTo(200);
    assertThat(sent.body().path("ok").asBoolean()).isTrue();
    long id = sent.body().path("result").path("message_id").asLong();
    FakeTelegramBotApi.Message m = fake.message(42, id).orElseThrow();
    assertThat(m.parseMode()).isEqualTo("HTML");
    assertThat(m.buttons()).containsExactly("Ack");
    assertThat(m.callbackData()).containsExactly("a:1");

    Answer edited = call("editMessageText", "{\"chat_id\":42,\"message_id\":" + id
        + ",\"text\":\"acknowledged\",\"parse_mode\":\"HTML\"}");
    assertThat(edited.body().path("ok").asBoolean()).isTrue();
    assertThat(fake.message(42, id).orElseThrow().text()).isEqualTo("acknowledged");
    assertThat(fake.message(42, id).orElseThrow().buttons()).isEmpty();
    assertThat(fake.message(42, id).orElseThrow().edits()).isEqualTo(1);

    Answer same = call("editmessagetext", "{\"chat_id\":42,\"message_id\":" + id
        + ",\"text\":\"acknowledged\"}");
    assertThat(same.status()).isEqualTo(400);
    assertThat(same.body().path("description").asText()).contains("message is not modified");
    assertThat(call("editmessagetext", "{\"chat_id\":42,\"message_id\":9999,\"text\":\"x\"}")
        .body().path("description").asText()).contains("message to edit not found");
  }

  @Test
  void rejectsAWrongTokenAndUnknownMethods() {
    Answer wrong = call("999:nope", "getMe", "{}");
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body().path("error_code").asInt()).isEqualTo(401);
    assertThat(call("launchRockets", "{}").status()).isEqualTo(404);
    assertThat(call("getme", "{}").body().path("result").path("username").asText())
        .isEqualTo(FakeTelegramBotApi.BOT_USERNAME);
  }

  @Test
  void enforcesOneMessagePerSecondPerChatWithRetryAfterOnTheInjectedClock() {
    assertThat(call("sendMessage", "{\"chat_id\":1,\"text\":\"a\"}").status()).isEqualTo(200);
    Answer limited = call("sendMessage", "{\"chat_id\":1,\"text\":\"b\"}");
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.body().path("description").asText())
        .isEqualTo("Too Many Requests: retry after 1");
    assertThat(limited.body().path("parameters").path("retry_after").asInt()).isEqualTo(1);
    // Another chat is not affected; the same chat is fine one second later.
    assertThat(call("sendMessage", "{\"chat_id\":2,\"text\":\"b\"}").status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    assertThat(call("sendMessage", "{\"chat_id\":1,\"text\":\"b\"}").status()).isEqualTo(200);
    assertThat(fake.rateLimitedCount()).isEqualTo(1);
    assertThat(fake.messages(1)).extracting(FakeTelegramBotApi.Message::text)
        .containsExactly("a", "b");
  }

  @Test
  void enforcesThirtyPerSecondOverallAndTwentyPerMinuteInAGroup() {
    for (int chat = 1; chat <= 30; chat++) {
      assertThat(call("sendMessage", "{\"chat_id\":" + chat + ",\"text\":\"x\"}").status())
          .isEqualTo(200);
    }
    assertThat(call("sendMessage", "{\"chat_id\":31,\"text\":\"x\"}").status()).isEqualTo(429);
    for (int i = 0; i < 20; i++) {
      clock.advance(Duration.ofSeconds(1));
      assertThat(call("sendMessage", "{\"chat_id\":-100,\"text\":\"g" + i + "\"}").status())
          .isEqualTo(200);
    }
    clock.advance(Duration.ofSeconds(1));
    Answer group = call("sendMessage", "{\"chat_id\":-100,\"text\":\"late\"}");
    assertThat(group.status()).isEqualTo(429);
    assertThat(group.body().path("parameters").path("retry_after").asInt()).isEqualTo(40);
  }

  @Test
  void stormAnswers429ToAnyMethod() {
    fake.rateLimitNext(2, 7);
    assertThat(call("getMe", "{}").body().path("parameters").path("retry_after").asInt())
        .isEqualTo(7);
    assertThat(call("answerCallbackQuery", "{\"callback_query_id\":\"x\"}").status())
        .isEqualTo(429);
    assertThat(call("getMe", "{}").status()).isEqualTo(200);
    assertThat(fake.answeredCallbacks()).isEmpty();

    fake.rateLimitNext(1, 3, "sendMessage");
    assertThat(call("getMe", "{}").status()).isEqualTo(200);
    assertThat(call("sendmessage", "{\"chat_id\":9,\"text\":\"x\"}").status()).isEqualTo(429);
    assertThat(call("sendmessage", "{\"chat_id\":9,\"text\":\"x\"}").status()).isEqualTo(200);
  }

  @Test
  void servesQueuedUpdatesForLongPollingAndRecordsCallbacksAndCommands() {
    fake.userMessage(-100, 5, "/ack@" + FakeTelegramBotApi.BOT_USERNAME + " 42");
    fake.pressButton(5, 101, 5, "data");
    JsonNode first = call("getUpdates", "{\"offset\":0,\"timeout\":1}").body().path("result");
    assertThat(first).hasSize(2);
    assertThat(first.get(0).path("message").path("entities").get(0).path("length").asInt())
        .isEqualTo(("/ack@" + FakeTelegramBotApi.BOT_USERNAME).length());
    assertThat(first.get(1).path("callback_query").path("data").asText()).isEqualTo("data");
    long next = first.get(1).path("update_id").asLong() + 1;
    assertThat(call("getupdates", "{\"offset\":" + next + ",\"timeout\":1}").body()
        .path("result")).isEmpty();
    assertThat(fake.confirmedUpdates()).isEqualTo(2);

    call("answercallbackquery", "{\"callback_query_id\":\"cb1\"}");
    call("setMyCommands", "{\"commands\":[{\"command\":\"ack\",\"description\":\"Ack\"}]}");
    assertThat(fake.answeredCallbacks()).containsExactly("cb1");
    assertThat(fake.commands().get(0).path("command").asText()).isEqualTo("ack");
    assertThat(fake.calls("SETMYCOMMANDS")).hasSize(1);
  }
}
