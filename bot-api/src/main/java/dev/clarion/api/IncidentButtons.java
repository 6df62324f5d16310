package dev.clarion.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed data for an incident message's buttons: {@code <prefix><action>:<incident>:<signature>}
 * (a runbook button adds {@code :<runbook>}). The signature is an HMAC-SHA256 (first 128 bits)
 * over action, incident, runbook and the conversation the button was posted in, so a client that
 * edits the data (another incident, another action, another runbook) or copies a button into
 * another conversation is refused. Without a runbook the data is at most the prefix plus 44
 * characters: it fits Telegram's 64-byte callback data and Discord's 100-character custom ids.
 */
public final class IncidentButtons {
  /** What a button does; {@link #code()} is what goes over the wire. */
  public enum Action {
    ACK('a', "incident ack", "Acknowledge"),
    RESOLVE('r', "incident resolve", "Resolve"),
    ESCALATE('e', "incident escalate", "Escalate now"),
    /** {@code runbook run <id> <incident>}. */
    RUNBOOK('u', "runbook run", "Run");

    private final char code;
    private final String command;
    private final String label;

    Action(char code, String command, String label) {
      this.code = code;
      this.command = command;
      this.label = label;
    }

    public char code() {
      return code;
    }

    /** The catalogue command the button runs, without its arguments. */
    public String command() {
      return command;
    }

    /** The button's default English label. */
    public String label() {
      return label;
    }

    static Optional<Action> of(String code) {
      return Arrays.stream(values()).filter(a -> code.length() == 1 && a.code == code.charAt(0))
          .findFirst();
    }
  }

  /** A verified press; {@code runbook} is set for {@link Action#RUNBOOK} only. */
  public record Press(Action action, long incident, String runbook) {
    /** The command line the press runs, as the person who pressed. */
    public String commandLine() {
      return action == Action.RUNBOOK ? action.command + " " + runbook + " " + incident
          : action.command + " " + incident;
    }
  }

  /** Runbook ids that can go into button data and a command line unchanged. */
  public static final Pattern RUNBOOK_ID = Pattern.compile("[A-Za-z0-9_.-]{1,40}");

  /**
   * The buttons an incident message shows in {@code status} (the {@code STATUS} field):
   * Acknowledge and Escalate now while triggered (the core escalates only triggered incidents),
   * Resolve until resolved, nothing after.
   */
  public static List<Action> forStatus(String status) {
    if (status.equals("resolved")) {
      return List.of();
    }
    return status.equals("triggered")
        ? List.of(Action.ACK, Action.RESOLVE, Action.ESCALATE)
        : List.of(Action.RESOLVE);
  }

  /**
   * The runbooks of the {@code RUNBOOKS} field (comma-separated ids) to offer as "Run <id>"
   * buttons: none once resolved, only ids matching {@link #RUNBOOK_ID}, no repeats, at most
   * {@code max}.
   */
  public static List<String> runbooks(Map<String, String> fields, String status, int max) {
    List<String> ids = new ArrayList<>();
    if (status.equals("resolved")) {
      return ids;
    }
    for (String id : fields.getOrDefault("RUNBOOKS", "").split(",")) {
      String runbook = id.strip();
      if (RUNBOOK_ID.matcher(runbook).matches() && !ids.contains(runbook) && ids.size() < max) {
        ids.add(runbook);
      }
    }
    return ids;
  }

  private final byte[] key;
  private final String prefix;
  private final int maxLength;

  /**
   * @param prefix marks these buttons apart from the plugin's others ({@code ""} or e.g.
   *     {@code "clarion:"}); it must not contain the action codes' own separator pattern
   * @param maxLength the platform's limit for button data; a runbook button that would not fit
   *     gets no data
   */
  public IncidentButtons(byte[] key, String prefix, int maxLength) {
    this.key = key.clone();
    this.prefix = prefix;
    this.maxLength = maxLength;
  }

  public String sign(Action action, long incident, String conversation) {
    return prefix + action.code + ":" + incident + ":" + signature(action, incident, "", conversation);
  }

  /** A "Run <runbook>" button's data; empty when the id is unusable or would not fit. */
  public Optional<String> signRunbook(String runbook, long incident, String conversation) {
    if (!RUNBOOK_ID.matcher(runbook).matches()) {
      return Optional.empty();
    }
    String data = prefix + Action.RUNBOOK.code + ":" + incident + ":"
        + signature(Action.RUNBOOK, incident, runbook, conversation) + ":" + runbook;
    return data.length() <= maxLength ? Optional.of(data) : Optional.empty();
  }

  /** The press the data stands for, when it was signed with this key for this conversation. */
  public Optional<Press> verify(String data, String conversation) {
    if (data == null || conversation == null || !data.startsWith(prefix)) {
      return Optional.empty();
    }
    String[] parts = data.substring(prefix.length()).split(":", -1);
    if (parts.length < 3 || parts.length > 4) {
      return Optional.empty();
    }
    Optional<Action> action = Action.of(parts[0]);
    String runbook = parts.length == 4 ? parts[3] : "";
    if (action.isEmpty() || (action.get() == Action.RUNBOOK) != (parts.length == 4)) {
      return Optional.empty();
    }
    long incident;
    try {
      incident = Long.parseLong(parts[1]);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (!MessageDigest.isEqual(
        signature(action.get(), incident, runbook, conversation).getBytes(StandardCharsets.UTF_8),
        parts[2].getBytes(StandardCharsets.UTF_8))) {
      return Optional.empty();
    }
    return Optional.of(new Press(action.get(), incident, runbook));
  }

  private String signature(Action action, long incident, String runbook, String conversation) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      String signed = action.code + ":" + incident + ":" + conversation
          + (runbook.isEmpty() ? "" : ":" + runbook);
      byte[] full = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
      // 128 bits are plenty against forgery and keep the data short.
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(full, 16));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
