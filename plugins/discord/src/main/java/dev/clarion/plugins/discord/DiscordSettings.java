package dev.clarion.plugins.discord;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code discord:} section of clarion.yml, as the core hands it over (single values).
 *
 * @param apiUrl Discord's REST base, ending in {@code /api/v10}; a loopback fake in tests
 * @param publicKey the application's Ed25519 public key (32 bytes), for interaction signatures
 * @param applicationId for command registration and follow-ups; asked with {@code users/@me}
 *     when absent (a bot user's id is its application's id)
 * @param customIdKey signs button custom ids, so a crafted press cannot act on another incident
 * @param gatewayUrl overrides Discord's gateway address (a test fake, a gateway proxy)
 * @param deferAfter how long a slash command may run before Discord gets a deferred answer
 *     (Discord allows 3 s for the first answer, network included)
 */
record DiscordSettings(String token, URI apiUrl, byte[] publicKey, Optional<String> applicationId,
    byte[] customIdKey, Duration deferAfter, boolean registerCommands, Mode mode,
    Optional<String> gatewayUrl) {

  /** How interactions arrive: JDA's gateway connection, or only our HTTP endpoint. */
  enum Mode { GATEWAY, HTTP }

  static DiscordSettings from(Map<String, Object> config) {
    String token = text(config, "bot_token").or(() -> text(config, "token"))
        .orElseThrow(() -> new IllegalArgumentException(
            "discord.bot_token is missing: copy it from the Developer Portal's Bot page"));
    String hex = text(config, "public_key").orElseThrow(() -> new IllegalArgumentException(
        "discord.public_key is missing: copy it from the Developer Portal's General Information"));
    byte[] key;
    try {
      key = HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("discord.public_key must be 64 hex digits");
    }
    if (key.length != 32) {
      throw new IllegalArgumentException("discord.public_key must be 64 hex digits (32 bytes)");
    }
    String api = text(config, "api_url").orElse("https://discord.com/api/v10");
    api = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
    byte[] customIdKey = text(config, "custom_id_secret")
        .map(s -> s.getBytes(StandardCharsets.UTF_8))
        .orElseGet(() -> sha256("clarion-discord-custom-id:" + token));
    long deferMillis = text(config, "defer_after_ms").map(Long::parseLong).orElse(2000L);
    if (deferMillis < 0 || deferMillis > 2500) {
      throw new IllegalArgumentException("discord.defer_after_ms must be 0..2500");
    }
    boolean register = text(config, "register_commands").map(Boolean::parseBoolean).orElse(true);
    Mode mode = switch (text(config, "mode").orElse("gateway").toLowerCase(Locale.ROOT)) {
      case "gateway" -> Mode.GATEWAY;
      case "http" -> Mode.HTTP;
      default -> throw new IllegalArgumentException(
          "discord.mode must be gateway or http, not " + config.get("mode"));
    };
    return new DiscordSettings(token, URI.create(api), key, text(config, "application_id"),
        customIdKey, Duration.ofMillis(deferMillis), register, mode,
        text(config, "gateway_url"));
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
    return "DiscordSettings[" + apiUrl + "]";
  }
}
