package dev.clarion.api;

import java.util.List;
import java.util.Objects;

/**
 * The core's command catalogue (ack, resolve, comment, oncall...), run as an identified user. The
 * plugin maps its platform identity to the user id; the core checks roles and audits.
 */
public interface Commands {
  /**
   * @param chatIdentity the user's id on this plugin's platform (as in clarion.yml {@code chat:})
   * @param commandLine e.g. {@code "incident ack 42"}
   */
  Result run(String chatIdentity, String commandLine);

  /**
   * Links the person's account on this plugin's platform to the Clarion user a one-time code was
   * made for ({@code clarion user link <user> --channel <plugin>}, or
   * {@code POST /api/v1/users/{id}/link-codes}). A code is single use, expires after 15 minutes and
   * only works for the channel it was made for. A wrong, expired or used code answers
   * {@code ok=false} (code {@code invalid}) with a text to show, and changes nothing. The link is
   * audited; from then on {@link #run} knows the identity. Plugins should accept codes only in a
   * private conversation (a code typed in a group is seen by everyone there).
   *
   * @param chatIdentity the person's id on this plugin's platform
   * @param code what the person typed, e.g. {@code "KX4P-7MQ9"} (case and dashes do not matter)
   */
  default Result link(String chatIdentity, String code) {
    return new Result(false, "unavailable",
        "linking chat accounts is not available on this Clarion server");
  }

  /**
   * Every command the catalogue has, in name order, so a plugin can register its platform's
   * command menu (Discord subcommands, Telegram's command list) from the core instead of keeping a
   * copy. Empty by default (a context that does not know the catalogue).
   */
  default List<CommandInfo> catalogue() {
    return List.of();
  }

  /**
   * A reply model: {@code ok}, a {@code text} for the person, and a stable {@code code} on errors.
   *
   * @param shared the command changed shared state (an incident): chat shows the reply to everyone
   *     in the conversation, otherwise only to the person who asked
   * @param actions follow-ups to offer as buttons (a preview's Confirm and Cancel, an approval's
   *     Approve); pressing one runs its {@link Action#commandLine()} as the person who pressed it
   */
  record Result(boolean ok, String code, String text, boolean shared, List<Action> actions) {
    public Result {
      actions = List.copyOf(actions);
    }

    public Result(boolean ok, String code, String text, boolean shared) {
      this(ok, code, text, shared, List.of());
    }

    public Result(boolean ok, String code, String text) {
      this(ok, code, text, false, List.of());
    }
  }

  /**
   * A button a reply offers. An empty {@code commandLine} means "dismiss": the plugin removes the
   * buttons and runs nothing (a preview's Cancel). Plugins must not let a pressed button run a
   * command line other than the one offered (sign it or keep it server-side).
   */
  record Action(String label, String commandLine, Style style) {
    /** How prominent the button is; platforms map it to their own button styles. */
    public enum Style {
      PRIMARY,
      DANGER,
      DEFAULT
    }

    public Action {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(commandLine, "commandLine");
      Objects.requireNonNull(style, "style");
    }

    public boolean dismisses() {
      return commandLine.isBlank();
    }
  }

  /**
   * One catalogue command: its name (one or two words, e.g. {@code "incident ack"}), aliases
   * ({@code "ack"}), a one-line summary, and positional arguments in order.
   */
  record CommandInfo(
      String name, List<String> aliases, String summary, String usage, List<ArgumentInfo> arguments) {
    public CommandInfo {
      aliases = List.copyOf(aliases);
      arguments = List.copyOf(arguments);
    }
  }

  /**
   * A positional argument. {@code type} is {@code incident} (an incident number), {@code service}
   * (a service id), {@code word} or {@code text} (the rest of the line; always last).
   */
  record ArgumentInfo(String name, String type, boolean required, String help) {}
}
