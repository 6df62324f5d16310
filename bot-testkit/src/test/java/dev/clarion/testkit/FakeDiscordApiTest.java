package dev.clarion.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeDiscordApiTest {
  private static final String TOKEN = "bot-token";
  private final SettableClock clock = SettableClock.atDefaultStart();
  private final FakeDiscordApi discord = new FakeDiscordApi(TOKEN, clock);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void close() {
    discord.close();
  }

  @Test
  void sixthMessageInFiveSecondsToOneChannelIs429WithWhatJdaAndWeLookFor() throws Exception {
    for (int i = 0; i < FakeDiscordApi.PER_CHANNEL; i++) {
      assertThat(post("/channels/42/messages", "{\"content\":\"m" + i + "\"}", TOKEN)
          .statusCode()).isEqualTo(200);
    }
    clock.advance(Duration.ofSeconds(2));
    HttpResponse<String> limited = post("/channels/42/messages", "{\"content\":\"x\"}", TOKEN);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Via")).hasValue("1.1 google");
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("3");
    assertThat(limited.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
    assertThat(limited.headers().firstValue("X-RateLimit-Reset-After")).hasValue("3.000");
    assertThat(limited.body()).contains("\"retry_after\":3.0");
    // Another channel has its own bucket; the first one opens again after the window.
    assertThat(post("/channels/43/messages", "{}", TOKEN).statusCode()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(3));
    assertThat(post("/channels/42/messages", "{}", TOKEN).statusCode()).isEqualTo(200);
    assertThat(discord.messages("42")).hasSize(6);
  }

  @Test
  void editsUnknownMessagesAndBadTokensAreRefusedLikeDiscord() throws Exception {
    assertThat(post("/channels/42/messages", "{}", "wrong").statusCode()).isEqualTo(401);
    HttpResponse<String> edit = send("PATCH", "/channels/42/messages/1", "{}", TOKEN);
    assertThat(edit.statusCode()).isEqualTo(404);
    assertThat(edit.body()).contains("10008");
    HttpResponse<String> posted = post("/channels/42/messages", "{\"content\":\"a\"}", TOKEN);
    String id = posted.body().replaceAll(".*\"id\":\"(\\d+)\".*", "$1");
    assertThat(send("PATCH", "/channels/42/messages/" + id, "{\"content\":\"b\"}", TOKEN)
        .statusCode()).isEqualTo(200);
    assertThat(discord.message("42", id).orElseThrow().content()).isEqualTo("b");
    assertThat(discord.message("42", id).orElseThrow().edits()).isEqualTo(1);
  }

  private HttpResponse<String> post(String path, String body, String token) throws Exception {
    return send("POST", path, body, token);
  }

  private HttpResponse<String> send(String method, String path, String body, String token)
      throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(discord.apiUrl() + path))
        .header("Authorization", "Bot " + token).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
