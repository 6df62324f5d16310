package dev.clarion.plugins.discord;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * Plays Discord in tests: an Ed25519 application key made with the JDK, interaction bodies as
 * Discord sends them, and their {@code X-Signature-*} headers.
 */
final class SignedInteractions {
  static final String APPLICATION = "1100000000000000001";

  record Signed(String body, Map<String, String> headers) {}

  private final KeyPair keys;
  private int next;

  SignedInteractions() {
    try {
      keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The raw 32-byte public key in hex, as the Developer Portal shows it. */
  String publicKeyHex() {
    byte[] x509 = keys.getPublic().getEncoded();
    return HexFormat.of().formatHex(Arrays.copyOfRange(x509, x509.length - 32, x509.length));
  }

  Signed sign(String body, Instant at) {
    String ts = Long.toString(at.getEpochSecond());
    try {
      Signature ed = Signature.getInstance("Ed25519");
      ed.initSign(keys.getPrivate());
      ed.update((ts + body).getBytes(StandardCharsets.UTF_8));
      return new Signed(body, Map.of("X-Signature-Ed25519", HexFormat.of().formatHex(ed.sign()),
          "X-Signature-Timestamp", ts, "Content-Type", "application/json"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fresh interaction token, so each test interaction's answers can be told apart. */
  String token() {
    return "itoken-" + (++next);
  }

  static String ping() {
    return "{\"id\":\"1\",\"application_id\":\"" + APPLICATION + "\",\"type\":1,\"token\":\"p\"}";
  }

  /** {@code /clarion <sub> <option>=<value>...} in a guild channel. */
  static String slash(String token, String user, String channel, String sub,
      String optionsJson) {
    return "{\"id\":\"2\",\"application_id\":\"" + APPLICATION + "\",\"type\":2,\"token\":\""
        + token + "\",\"channel_id\":\"" + channel + "\"," + channelObject(channel) + member(user)
        + ",\"data\":{\"id\":\"1300000000000000001\",\"name\":\"clarion\",\"type\":1,"
        + "\"options\":[{\"type\":1,\"name\":\""
        + sub + "\",\"options\":" + optionsJson + "}]}}";
  }

  /** {@code /clarion <group> <sub> <option>=<value>...} in a guild channel. */
  static String slashInGroup(String token, String user, String channel, String group, String sub,
      String optionsJson) {
    return slash(token, user, channel, group, "[{\"type\":1,\"name\":\"" + sub
        + "\",\"options\":" + optionsJson + "}]").replace("\"options\":[{\"type\":1,\"name\":\""
        + group + "\"", "\"options\":[{\"type\":2,\"name\":\"" + group + "\"");
  }

  static final String GUILD = "800000000000000001";

  /**
   * What else Discord sends with a guild interaction: guild, channel object, context, locale,
   * permissions. JDA parses all of it before raising its events and refuses a payload without.
   */
  private static String channelObject(String channel) {
    return "\"guild_id\":\"" + GUILD + "\",\"guild\":{\"id\":\"" + GUILD + "\","
        + "\"locale\":\"en-US\",\"features\":[]},\"channel\":{\"id\":\"" + channel + "\","
        + "\"type\":0,\"name\":\"incidents\",\"guild_id\":\"" + GUILD + "\",\"position\":0,"
        + "\"permissions\":\"2147483647\",\"nsfw\":false,\"parent_id\":null,\"topic\":null,"
        + "\"last_message_id\":null,\"rate_limit_per_user\":0,\"flags\":0,"
        + "\"permission_overwrites\":[]},\"locale\":\"en-US\",\"guild_locale\":\"en-US\","
        + "\"app_permissions\":\"2147483647\",\"entitlements\":[],"
        + "\"authorizing_integration_owners\":{\"0\":\"" + GUILD + "\"},\"context\":0,"
        + "\"version\":1,\"attachment_size_limit\":10485760,";
  }

  private static String member(String user) {
    return "\"member\":{\"user\":{\"id\":\"" + user + "\",\"username\":\"u" + user
        + "\",\"discriminator\":\"0\",\"global_name\":null,\"avatar\":null,"
        + "\"public_flags\":0},\"roles\":[],\"joined_at\":\"2024-01-01T00:00:00.000000+00:00\","
        + "\"deaf\":false,\"mute\":false,\"flags\":0,\"pending\":false,"
        + "\"permissions\":\"2147483647\",\"nick\":null,\"avatar\":null,"
        + "\"premium_since\":null,\"communication_disabled_until\":null}";
  }

  static String ack(String token, String user, String channel, long incident) {
    return slash(token, user, channel, "ack",
        "[{\"name\":\"number\",\"type\":4,\"value\":" + incident + "}]");
  }

  static String button(String token, String user, String channel, String messageId,
      String customId) {
    return "{\"id\":\"3\",\"application_id\":\"" + APPLICATION + "\",\"type\":3,\"token\":\""
        + token + "\",\"channel_id\":\"" + channel + "\"," + channelObject(channel) + member(user)
        + ",\"message\":{\"id\":\"" + messageId + "\",\"channel_id\":\"" + channel
        + "\"},\"data\":{\"component_type\":2,\"custom_id\":\"" + customId + "\"}}";
  }
}
