package dev.clarion.plugins.telegram;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code telegram:} section of clarion.yml, as the core hands it over (single values).
 *
 * @param apiUrl the Bot API's base URL; a self-hosted Bot API server or a test fake
 * @param webhookSecret compared with {@code X-Telegram-Bot-Api-Secret-Token} in webhook mode
 * @param webhookUrl when set in webhook mode, registered with {@code setWebhook} at start
 * @param callbackKey signs button data, so a crafted press cannot act on another incident
 * @param botUsername for {@code /cmd@botname} in groups; asked with {@code getMe} when absent
 */
record TelegramSettings(String token, URI apiUrl, Mode mode, Optional<String> webhookSecret,
    Optional<String> webhookUrl, byte[] callbackKey, Optional<String> botUsername) {

  enum Mode { POLLING, WEBHOOK }

  static TelegramSettings from(Map<String, Object> config) {
    String token = text(config, "token").orElseThrow(() -> new IllegalArgumentException(
        "telegram.token is missing: create a bot with @BotFather and set its token"));
    URI api = URI.create(text(config, "api_url").orElse("https://api.telegram.org"));
    Mode mode = switch (text(config, "mode").orElse("polling").toLowerCase(Locale.ROOT)) {
      case "polling" -> Mode.POLLING;
      case "webhook" -> Mode.WEBHOOK;
      default -> throw new IllegalArgumentException(
          "telegram.mode must be polling or webhook, not " + config.get("mode"));
    };
    Optional<String> secret = text(config, "webhook_secret");
    if (mode == Mode.WEBHOOK && secret.isEmpty()) {
      throw new IllegalArgumentException(
          "telegram.webhook_secret is required in webhook mode (1-256 of A-Z a-z 0-9 _ -)");
    }
    // Without an explicit key, one derived from the token: stable across restarts, and as secret
    // as the token itself.
    byte[] key = text(config, "callback_secret").map(s -> s.getBytes(StandardCharsets.UTF_8))
        .orElseGet(() -> sha256("clarion-telegram-callback:" + token));
    return new TelegramSettings(token, api, mode, secret, text(config, "webhook_url"), key,
        text(config, "bot_username").map(u -> u.startsWith("@") ? u.substring(1) : u));
  }

  private static Optional<String> text(Map<String, Object> config, String key) {
    return Optional.ofNullable(config.get(key)).map(Object::toString).map(String::strip)
        .filter(s -> !s.isEmpty());
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "TelegramSettings[" + apiUrl + ", " + mode + "]";
  }
}
