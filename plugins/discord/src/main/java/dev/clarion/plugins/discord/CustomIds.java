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
 * Button custom ids {@code clarion:<action>:<incident>:<signature>} (a runbook button adds
 * {@code :<runbook id>}): an HMAC over action, incident, runbook and Discord channel, so a client
 * that edits the id (another incident, another action, another runbook) or copies a button into
 * another channel is refused. Well under Discord's 100-character limit.
 */
final class CustomIds {
  enum Action {
    ACK('a', "incident ack", "Acknowledge"),
    RESOLVE('r', "incident resolve", "Resolve"),
    ESCALATE('e', "incident escalate", "Escalate now"),
    /** {@code runbook run <id> <incident>}. */
    RUNBOOK('u', "runbook run", "Run");

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

  /** A verified press; {@code runbook} is set for {@link Action#RUNBOOK} only. */
  record Press(Action action, long incident, String runbook) {
    String commandLine() {
      return action == Action.RUNBOOK ? action.command + " " + runbook + " " + incident
          : action.command + " " + incident;
    }
  }

  /** Runbook ids that fit a custom id and a command line unchanged. */
  static final java.util.regex.Pattern RUNBOOK_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9_.-]{1,40}");

  private static final String PREFIX = "clarion";
  private final byte[] key;

  CustomIds(byte[] key) {
    this.key = key.clone();
  }

  String sign(Action action, long incident, String channelId) {
    return PREFIX + ":" + action.code + ":" + incident + ":"
        + signature(action, incident, "", channelId);
  }

  /** A "Run <runbook>" button's id; {@code runbook} must match {@link #RUNBOOK_ID}. */
  String signRunbook(String runbook, long incident, String channelId) {
    return PREFIX + ":" + Action.RUNBOOK.code + ":" + incident + ":"
        + signature(Action.RUNBOOK, incident, runbook, channelId) + ":" + runbook;
  }

  /** The press this id stands for, when we signed it for this channel. */
  Optional<Press> verify(String customId, String channelId) {
    if (customId == null || channelId == null) {
      return Optional.empty();
    }
    String[] parts = customId.split(":", -1);
    if (parts.length < 4 || parts.length > 5 || !parts[0].equals(PREFIX)) {
      return Optional.empty();
    }
    Optional<Action> action = Action.of(parts[1]);
    String runbook = parts.length == 5 ? parts[4] : "";
    if (action.isPresent() && (action.get() == Action.RUNBOOK) != (parts.length == 5)) {
      return Optional.empty();
    }
    long incident;
    try {
      incident = Long.parseLong(parts[2]);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (action.isEmpty() || !MessageDigest.isEqual(
        signature(action.get(), incident, runbook, channelId)
            .getBytes(StandardCharsets.US_ASCII),
        parts[3].getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    return Optional.of(new Press(action.get(), incident, runbook));
  }

  private String signature(Action action, long incident, String runbook, String channelId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      String signed = action.code + ":" + incident + ":" + channelId
          + (runbook.isEmpty() ? "" : ":" + runbook);
      byte[] full = mac.doFinal(signed
          .getBytes(StandardCharsets.UTF_8));
      // 128 bits are plenty against forgery and keep the id short.
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
