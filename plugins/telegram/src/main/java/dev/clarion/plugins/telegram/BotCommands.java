package dev.clarion.plugins.telegram;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The bot's commands, as registered with {@code setMyCommands}, and how a typed command becomes a
 * command-catalogue line. {@code /cmd@otherbot} is for another bot in the group and is ignored.
 */
final class BotCommands {
  /** One registered command: {@code catalogue} is the catalogue command it stands for. */
  record Command(String name, String description, String catalogue) {}

  static final List<Command> ALL = List.of(
      new Command("list", "List open incidents", "incident list"),
      new Command("show", "Show an incident: /show 42", "incident show"),
      new Command("ack", "Acknowledge an incident: /ack 42", "incident ack"),
      new Command("resolve", "Resolve an incident: /resolve 42", "incident resolve"),
      new Command("oncall", "Who is on call now", "oncall"),
      new Command("cover", "Cover a shift: /cover 2h [schedule]", "cover"),
      new Command("maint", "Maintenance window: /maint <service> 30m [reason]", "maint"),
      new Command("help", "What Clarion can do here", "help"));

  /** A command addressed to us: the catalogue line, and the command's name for replies. */
  record Parsed(String name, String commandLine) {}

  private BotCommands() {}

  /**
   * Parses {@code /name[@bot] args}. Empty when the text is no command, or is addressed to
   * another bot ({@code botUsername} empty: any suffix is accepted).
   */
  static Optional<Parsed> parse(String text, Optional<String> botUsername) {
    if (text == null || !text.startsWith("/")) {
      return Optional.empty();
    }
    String stripped = text.strip();
    int space = indexOfWhitespace(stripped);
    String head = space < 0 ? stripped.substring(1) : stripped.substring(1, space);
    String args = space < 0 ? "" : stripped.substring(space).strip();
    int at = head.indexOf('@');
    if (at >= 0) {
      String target = head.substring(at + 1);
      if (botUsername.isPresent() && !target.equalsIgnoreCase(botUsername.get())) {
        return Optional.empty();
      }
      head = head.substring(0, at);
    }
    String name = head.toLowerCase(Locale.ROOT);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    // /start is what Telegram sends when someone opens the bot: show the help.
    String catalogue = ALL.stream().filter(c -> c.name().equals(name)).findFirst()
        .map(Command::catalogue).orElse(name.equals("start") ? "help" : name);
    return Optional.of(new Parsed(name, args.isEmpty() ? catalogue : catalogue + " " + args));
  }

  private static int indexOfWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
