package dev.clarion.testkit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds requests exactly as Slack sends them to an app: form-encoded slash commands and
 * interactivity payloads, signed with the app's signing secret (v0 HMAC-SHA256 over
 * {@code v0:timestamp:body}, headers {@code X-Slack-Request-Timestamp} and {@code X-Slack-Signature}).
 */
public final class SlackRequests {
  /** A request body and the headers Slack would send with it. */
  public record Signed(String body, Map<String, String> headers) {}

  private final String signingSecret;

  public SlackRequests(String signingSecret) {
    this.signingSecret = signingSecret;
  }

  /** {@code /clarion ack 42} typed by {@code userId} in {@code channelId}. */
  public Signed slashCommand(String command, String text, String userId, String channelId, Instant at) {
    return slashCommand(command, text, userId, channelId, at, "http://127.0.0.1:9/commands/response");
  }

  /** The same, with the {@code response_url} Slack hands out (e.g. {@link FakeSlackApi#responseUrl}). */
  public Signed slashCommand(String command, String text, String userId, String channelId, Instant at,
      String responseUrl) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("token", "deprecated-verification-token");
    form.put("team_id", FakeSlackApi.TEAM_ID);
    form.put("team_domain", "clarion-test");
    form.put("channel_id", channelId);
    form.put("channel_name", "incidents");
    form.put("user_id", userId);
    form.put("user_name", userId.toLowerCase());
    form.put("command", command);
    form.put("text", text);
    form.put("api_app_id", "A0CLARION");
    form.put("response_url", responseUrl);
    form.put("trigger_id", "trigger-" + at.toEpochMilli());
    return sign(formEncode(form), at);
  }

  /** A {@code block_actions} payload: {@code userId} pressed a button. */
  public Signed buttonPress(String actionId, String value, String userId, String channelId,
      String messageTs, Instant at) {
    return buttonPress(actionId, value, userId, channelId, messageTs, at,
        "http://127.0.0.1:9/actions/response");
  }

  /** The same, with the {@code response_url} Slack hands out (e.g. {@link FakeSlackApi#responseUrl}). */
  public Signed buttonPress(String actionId, String value, String userId, String channelId,
      String messageTs, Instant at, String responseUrl) {
    String payload = "{\"type\":\"block_actions\",\"team\":{\"id\":\"" + FakeSlackApi.TEAM_ID + "\"},"
        + "\"user\":{\"id\":\"" + userId + "\",\"username\":\"" + userId.toLowerCase() + "\"},"
        + "\"api_app_id\":\"A0CLARION\",\"trigger_id\":\"trigger-" + at.toEpochMilli() + "\","
        + "\"container\":{\"type\":\"message\",\"message_ts\":\"" + messageTs + "\",\"channel_id\":\""
        + channelId + "\"},\"channel\":{\"id\":\"" + channelId + "\"},"
        + "\"message\":{\"ts\":\"" + messageTs + "\",\"type\":\"message\"},"
        + "\"response_url\":\"" + responseUrl + "\","
        + "\"actions\":[{\"type\":\"button\",\"action_id\":\"" + actionId + "\",\"block_id\":\"incident\","
        + "\"value\":\"" + value + "\",\"action_ts\":\"" + at.getEpochSecond() + ".000100\"}]}";
    return sign(formEncode(Map.of("payload", payload)), at);
  }

  /** Signs any body as Slack does, for the given request time. */
  public Signed sign(String body, Instant at) {
    String timestamp = Long.toString(at.getEpochSecond());
    return new Signed(body, Map.of(
        "Content-Type", "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp", timestamp,
        "X-Slack-Signature", signature(signingSecret, timestamp, body)));
  }

  /** {@code v0=} + hex HMAC-SHA256 of {@code v0:timestamp:body}. */
  public static String signature(String secret, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal(("v0:" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8));
      return "v0=" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required by every JDK", e);
    }
  }

  private static String formEncode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
