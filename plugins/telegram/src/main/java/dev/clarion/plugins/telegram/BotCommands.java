package dev.clarion.plugins.telegram;

import dev.clarion.api.Commands;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The bot's commands, as registered with {@code setMyCommands}, and how a typed command becomes a
 * command-catalogue line. {@code /cmd@otherbot} is for another bot in the group and is ignored.
 * The names are Telegram's short ones; what they run comes from the core's catalogue, and so do
 * the menu's descriptions ({@link #menu}). A command not in the list is passed to the catalogue
 * as typed ({@code /escalate 42} runs {@code escalate 42}).
 */
final class BotCommands {
  /**
   * One registered command: {@code catalogue} is the catalogue command it runs, {@code fixed} what
   * goes between that and the typed arguments ({@code /cover 2h} is {@code oncall cover me 2h}).
   * When the first argument is one of {@code verbs}, it names the catalogue command instead
   * ({@code /maint list} runs {@code maint list}, {@code /maint checkout 30m} runs
   * {@code maint start checkout 30m}).
   */
  record Command(String name, String catalogue, String fixed, String example, Set<String> verbs) {
    Command(String name, String catalogue, String fixed, String example) {
      this(name, catalogue, fixed, example, Set.of());
    }

    String line(String args) {
      String first = args.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
      if (verbs.contains(first)) {
        return name + " " + args;
      }
      String head = fixed.isEmpty() ? catalogue : catalogue + " " + fixed;
      return args.isEmpty() ? head : head + " " + args;
    }
  }

  /** A menu entry for setMyCommands. */
  record MenuEntry(String name, String description) {}

  /** {@code /link CODE}: no catalogue command, but {@code Commands.link}. */
  static final String LINK = "link";

  static final List<Command> ALL = List.of(
      new Command("list", "incident list", "", "/list or /list all"),
      new Command("show", "incident show", "", "/show 42"),
      new Command("ack", "incident ack", "", "/ack 42"),
      new Command("resolve", "incident resolve", "", "/resolve 42"),
      new Command("oncall", "oncall who", "", "/oncall or /oncall db-primary",
          Set.of("who", "cover", "shifts", "overrides", "uncover")),
      new Command("cover", "oncall cover", "me", "/cover 2h [schedule]"),
      new Command("maint", "maint start", "", "/maint <service> 30m [reason]",
          Set.of("start", "extend", "end", "list")),
      new Command("help", "help", "", "/help or /help ack"));

  /**
   * The menu: each command whose catalogue command the core has, described by the catalogue's
   * summary and an example, plus {@code /link}. An empty catalogue (a core that does not tell)
   * lists them all.
   */
  static List<MenuEntry> menu(List<Commands.CommandInfo> catalogue) {
    List<MenuEntry> menu = new java.util.ArrayList<>();
    for (Command c : ALL) {
      Optional<Commands.CommandInfo> info = catalogue.stream()
          .filter(i -> i.name().equals(c.catalogue())).findFirst();
      if (catalogue.isEmpty() || info.isPresent()) {
        String summary = info.map(Commands.CommandInfo::summary).orElse("").strip();
        String description = summary.isEmpty() ? c.example() : summary + " · " + c.example();
        menu.add(new MenuEntry(c.name(), description.length() <= 256 ? description
            : description.substring(0, 255) + "…"));
      }
    }
    menu.add(new MenuEntry(LINK, "Link your Telegram account to Clarion: /link CODE (private"
        + " chat)"));
    return List.copyOf(menu);
  }

  /** A command addressed to us: the catalogue line, and the command's name for replies. */
  record Parsed(String name, String commandLine, String args) {}

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
    String line = ALL.stream().filter(c -> c.name().equals(name)).findFirst()
        .map(c -> c.line(args)).orElseGet(() -> {
          String catalogue = name.equals("start") ? "help" : name;
          return args.isEmpty() ? catalogue : catalogue + " " + args;
        });
    return Optional.of(new Parsed(name, line, args));
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
