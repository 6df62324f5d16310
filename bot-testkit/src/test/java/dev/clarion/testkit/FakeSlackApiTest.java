package dev.clarion.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeSlackApiTest {
  private final SettableClock clock = SettableClock.atDefaultStart();
  private final FakeSlackApi slack = new FakeSlackApi("xoxb-test", clock);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    slack.close();
  }

  private HttpResponse<String> call(String method, String form, String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(slack.apiUrl() + method))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String ts(String body) {
    Matcher m = Pattern.compile("\"ts\":\"([0-9.]+)\"").matcher(body);
    return m.find() ? m.group(1) : null;
  }

  @Test
  void postsAndEditsMessagesLikeSlack() throws Exception {
    assertThat(call("auth.test", "", "xoxb-test").body()).contains("\"team_id\":\"" + FakeSlackApi.TEAM_ID + "\"");
    assertThat(call("auth.test", "", "xoxb-wrong").body()).contains("\"error\":\"invalid_auth\"");

    String ts = ts(call("chat.postMessage", "channel=C1&text=Incident+42+triggered", "xoxb-test").body());
    assertThat(call("chat.update", "channel=C1&ts=" + ts + "&text=Incident+42+acknowledged", "xoxb-test").body())
        .contains("\"ok\":true");
    assertThat(slack.messages("C1")).singleElement().satisfies(m -> {
      assertThat(m.text()).isEqualTo("Incident 42 acknowledged");
      assertThat(m.updates()).isEqualTo(1);
    });
    assertThat(call("chat.update", "channel=C1&ts=1.2&text=x", "xoxb-test").body()).contains("message_not_found");
  }

  @Test
  void enforcesOneMessagePerSecondPerChannelAndStorms() throws Exception {
    assertThat(call("chat.postMessage", "channel=C1&text=a", "xoxb-test").statusCode()).isEqualTo(200);
    HttpResponse<String> tooSoon = call("chat.postMessage", "channel=C1&text=b", "xoxb-test");
    assertThat(tooSoon.statusCode()).isEqualTo(429);
    assertThat(tooSoon.headers().firstValue("Retry-After")).contains("1");
    assertThat(call("chat.postMessage", "channel=C2&text=c", "xoxb-test").statusCode()).as("other channel").isEqualTo(200);

    clock.advance(Duration.ofSeconds(1));
    assertThat(call("chat.postMessage", "channel=C1&text=b", "xoxb-test").statusCode()).isEqualTo(200);

    slack.rateLimitNext(2, 7);
    assertThat(call("auth.test", "", "xoxb-test").headers().firstValue("Retry-After")).contains("7");
    assertThat(call("auth.test", "", "xoxb-test").statusCode()).isEqualTo(429);
    assertThat(call("auth.test", "", "xoxb-test").statusCode()).isEqualTo(200);
    assertThat(slack.rateLimitedCount()).isEqualTo(3);
    assertThat(slack.messages("C1")).extracting(FakeSlackApi.Message::text).containsExactly("a", "b");
  }

  @Test
  void signsRequestsAsSlackDocuments() {
    // Slack's documented example: secret 8f742231b10e8888abcd99yyyzzz85a5, timestamp 1531420618.
    String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
        + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
        + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
        + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    assertThat(SlackRequests.signature("8f742231b10e8888abcd99yyyzzz85a5", "1531420618", body))
        .isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
  }
}
