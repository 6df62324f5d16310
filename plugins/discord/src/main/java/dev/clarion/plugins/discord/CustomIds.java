package dev.clarion.plugins.discord;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Button custom ids {@code clarion:<action>:<incident>:<signature>}: an HMAC over action, incident
 * and Discord channel, so a client that edits the id (another incident, another action) or copies
 * a button into another channel is refused. Well under Discord's 100-character limit.
 */
final class CustomIds {
  enum Action {
    ACK('a', "incident ack", "Acknowledge"),
    RESOLVE('r', "incident resolve", "Resolve"),
    ESCALATE('e', "incident escalate", "Escalate now");

    final char code;
    final String command;
    final String label;

    Action(char code, String command, String label) {
      this.code = code;
      this.command = command;
      this.label = label;
    }

    static Optional<Action> of(String code) {
      return Arrays.stream(values()).filter(a -> code.length() == 1 && a.code == code.charAt(0))
          .findFirst();
    }
  }

  record Press(Action action, long incident) {}

  private static final String PREFIX = "clarion";
  private final byte[] key;

  CustomIds(byte[] key) {
    this.key = key.clone();
  }

  String sign(Action action, long incident, String channelId) {
    return PREFIX + ":" + action.code + ":" + incident + ":"
        + signature(action, incident, channelId);
  }

  /** The press this id stands for, when we signed it for this channel. */
  Optional<Press> verify(String customId, String channelId) {
    if (customId == null || channelId == null) {
      return Optional.empty();
    }
    String[] parts = customId.split(":", -1);
    if (parts.length != 4 || !parts[0].equals(PREFIX)) {
      return Optional.empty();
    }
    Optional<Action> action = Action.of(parts[1]);
    long incident;
    try {
      incident = Long.parseLong(parts[2]);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (action.isEmpty() || !MessageDigest.isEqual(
        signature(action.get(), incident, channelId).getBytes(StandardCharsets.US_ASCII),
        parts[3].getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    return Optional.of(new Press(action.get(), incident));
  }

  private String signature(Action action, long incident, String channelId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] full = mac.doFinal((action.code + ":" + incident + ":" + channelId)
          .getBytes(StandardCharsets.UTF_8));
      // 128 bits are plenty against forgery and keep the id short.
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
