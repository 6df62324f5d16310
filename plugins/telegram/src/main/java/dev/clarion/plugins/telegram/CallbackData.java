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
 * Button data {@code <action>:<incident>:<signature>} (a runbook button adds {@code :<runbook>}):
 * the signature is an HMAC over action, incident, runbook and chat, so a client that edits the
 * data (another incident, another action, another runbook) or replays a button in another chat
 * is refused. Without a runbook at most 1+1+19+1+22 = 44 bytes, under Telegram's 64-byte limit
 * for callback_data; {@link #signRunbook} says when a runbook id makes it too long.
 */
final class CallbackData {
  /** What a button does; {@code code} is what goes over the wire. */
  enum Action {
    ACK('a', "incident ack"),
    RESOLVE('r', "incident resolve"),
    ESCALATE('e', "incident escalate"),
    /** {@code runbook run <id> <incident>}. */
    RUNBOOK('u', "runbook run");

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

  /** A verified press; {@code runbook} is set for {@link Action#RUNBOOK} only. */
  record Press(Action action, long incident, String runbook) {
    String commandLine() {
      return action == Action.RUNBOOK ? action.command + " " + runbook + " " + incident
          : action.command + " " + incident;
    }
  }

  /** Telegram's limit for callback_data, in bytes. */
  static final int MAX_BYTES = 64;
  /** Runbook ids that can go into callback data and a command line unchanged. */
  static final java.util.regex.Pattern RUNBOOK_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9_.-]{1,40}");

  private final byte[] key;

  CallbackData(byte[] key) {
    this.key = key.clone();
  }

  String sign(Action action, long incident, long chatId) {
    return action.code + ":" + incident + ":" + signature(action, incident, "", chatId);
  }

  /** A "Run <runbook>" button's data; empty when the id is unusable or would not fit 64 bytes. */
  Optional<String> signRunbook(String runbook, long incident, long chatId) {
    if (!RUNBOOK_ID.matcher(runbook).matches()) {
      return Optional.empty();
    }
    String data = Action.RUNBOOK.code + ":" + incident + ":"
        + signature(Action.RUNBOOK, incident, runbook, chatId) + ":" + runbook;
    return data.length() <= MAX_BYTES ? Optional.of(data) : Optional.empty();
  }

  /** The press the data stands for, when it was signed by us for this chat. */
  Optional<Press> verify(String data, long chatId) {
    if (data == null) {
      return Optional.empty();
    }
    String[] parts = data.split(":", -1);
    if (parts.length < 3 || parts.length > 4) {
      return Optional.empty();
    }
    Optional<Action> action = Action.of(parts[0]);
    String runbook = parts.length == 4 ? parts[3] : "";
    if (action.isPresent() && (action.get() == Action.RUNBOOK) != (parts.length == 4)) {
      return Optional.empty();
    }
    long incident;
    try {
      incident = Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (action.isEmpty() || !MessageDigest.isEqual(
        signature(action.get(), incident, runbook, chatId).getBytes(StandardCharsets.US_ASCII),
        parts[2].getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    return Optional.of(new Press(action.get(), incident, runbook));
  }

  private String signature(Action action, long incident, String runbook, long chatId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      String signed = action.code + ":" + incident + ":" + chatId
          + (runbook.isEmpty() ? "" : ":" + runbook);
      byte[] full = mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
      // 128 bits are plenty against forgery and keep the data short.
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
