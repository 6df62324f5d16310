package dev.clarion.plugins.telegram;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Button data {@code <action>:<incident>:<signature>}: the signature is an HMAC over action,
 * incident and chat, so a client that edits the data (another incident, another action) or
 * replays a button in another chat is refused. At most 1+1+19+1+22 = 44 bytes, under Telegram's
 * 64-byte limit for callback_data.
 */
final class CallbackData {
  /** What a button does; {@code code} is what goes over the wire. */
  enum Action {
    ACK('a', "incident ack"),
    RESOLVE('r', "incident resolve"),
    ESCALATE('e', "incident escalate");

    final char code;
    final String command;

    Action(char code, String command) {
      this.code = code;
      this.command = command;
    }

    static Optional<Action> of(String code) {
      return Arrays.stream(values()).filter(a -> code.length() == 1 && a.code == code.charAt(0))
          .findFirst();
    }
  }

  record Press(Action action, long incident) {}

  private final byte[] key;

  CallbackData(byte[] key) {
    this.key = key.clone();
  }

  String sign(Action action, long incident, long chatId) {
    return action.code + ":" + incident + ":" + signature(action, incident, chatId);
  }

  /** The press the data stands for, when it was signed by us for this chat. */
  Optional<Press> verify(String data, long chatId) {
    if (data == null) {
      return Optional.empty();
    }
    String[] parts = data.split(":", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    Optional<Action> action = Action.of(parts[0]);
    long incident;
    try {
      incident = Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (action.isEmpty() || !MessageDigest.isEqual(
        signature(action.get(), incident, chatId).getBytes(StandardCharsets.US_ASCII),
        parts[2].getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    return Optional.of(new Press(action.get(), incident));
  }

  private String signature(Action action, long incident, long chatId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] full = mac.doFinal((action.code + ":" + incident + ":" + chatId)
          .getBytes(StandardCharsets.US_ASCII));
      // 128 bits are plenty against forgery and keep the data short.
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
