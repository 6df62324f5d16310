package dev.clarion.plugins.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clarion.api.Commands;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /clarion} built from the core's command catalogue ({@link Commands#catalogue()}) when the
 * plugin starts, so a command added to the core shows up in Discord without a plugin change:
 *
 * <ul>
 *   <li>a two-word command ({@code incident ack}) becomes subcommand {@code ack} of group
 *       {@code incident}: {@code /clarion incident ack number:42};
 *   <li>a one-word command ({@code help}) becomes a subcommand;
 *   <li>a command's first one-word alias ({@code ack}) also becomes a subcommand, as a shortcut
 *       ({@code /clarion ack number:42}), while there is room;
 *   <li>arguments become typed options: {@code incident} → INTEGER with autocomplete of open
 *       incidents, {@code service} → STRING with autocomplete of configured services,
 *       {@code word}/{@code text} → STRING.
 * </ul>
 *
 * <p>Discord's limits (names {@code [-_a-z0-9]{1,32}}, descriptions ≤ 100 characters, ≤ 25
 * subcommands or groups per level, ≤ 25 options) are applied here: what does not fit is logged
 * and left out, never failing the start. An invocation becomes the catalogue line: the command's
 * name and the option values in catalogue argument order.
 */
final class SlashCommand {
  private static final Logger log = LoggerFactory.getLogger(SlashCommand.class);
  static final String NAME = "clarion";
  /**
   * The {@code catalogue} of {@code /clarion link code:<code>}, which is no catalogue command but
   * {@link Commands#link}; no catalogue name can look like this.
   */
  static final String LINK = "(link)";
  static final int MAX_CHILDREN = 25;
  static final int MAX_OPTIONS = 25;
  static final int MAX_DESCRIPTION = 100;
  private static final Pattern VALID_NAME = Pattern.compile("[-_a-z0-9]{1,32}");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int SUB_COMMAND = 1;
  private static final int SUB_COMMAND_GROUP = 2;
  private static final int STRING = 3;
  private static final int INTEGER = 4;
  /**
   * Verbs that only read: when their answer is slow, Discord's "thinking" placeholder is shown to
   * the asker alone. Everything else may change an incident, so its placeholder is public.
   */
  private static final Set<String> READ_ONLY = Set.of("list", "show", "help", "who", "shifts",
      "overrides", "status", "history");

  /** One typed option; {@code argumentType} is the catalogue's (incident, service, word, text). */
  record Option(String name, int type, boolean required, String description,
      String argumentType) {
    boolean autocomplete() {
      return argumentType.equals("incident") || argumentType.equals("service");
    }
  }

  /**
   * One invocable subcommand: where it sits ({@code group} empty at the top level), the catalogue
   * command it runs and its options in catalogue argument order.
   */
  record Sub(Optional<String> group, String name, String description, String catalogue,
      List<Option> options) {
    /** A public "thinking" placeholder while it runs: it may change shared state. */
    boolean shared() {
      if (catalogue.equals(LINK)) {
        return false;
      }
      String verb = catalogue.contains(" ") ? catalogue.substring(catalogue.indexOf(' ') + 1)
          : catalogue;
      return !READ_ONLY.contains(verb);
    }
  }

  private final List<Sub> subs;
  private final Map<String, List<Sub>> groups;
  private final List<Sub> topLevel;

  private SlashCommand(List<Sub> topLevel, Map<String, List<Sub>> groups) {
    this.topLevel = List.copyOf(topLevel);
    this.groups = groups;
    List<Sub> all = new ArrayList<>(topLevel);
    groups.values().forEach(all::addAll);
    this.subs = List.copyOf(all);
  }

  /** Builds {@code /clarion} from the catalogue, leaving out (and logging) what Discord refuses. */
  static SlashCommand from(List<Commands.CommandInfo> catalogue) {
    Map<String, List<Sub>> groups = new LinkedHashMap<>();
    List<Sub> singles = new ArrayList<>();
    List<Sub> shortcuts = new ArrayList<>();
    for (Commands.CommandInfo command : catalogue) {
      Optional<List<Option>> options = options(command);
      if (options.isEmpty()) {
        continue;
      }
      String description = description(command.summary(), command.name());
      String[] words = command.name().strip().toLowerCase(Locale.ROOT).split("\\s+");
      if (words.length == 1 && valid(words[0], command)) {
        singles.add(new Sub(Optional.empty(), words[0], description, command.name(),
            options.get()));
      } else if (words.length == 2 && valid(words[0], command) && valid(words[1], command)) {
        List<Sub> group = groups.computeIfAbsent(words[0], g -> new ArrayList<>());
        if (group.size() >= MAX_CHILDREN) {
          log.warn("discord: /clarion {} already has {} subcommands; '{}' left out", words[0],
              MAX_CHILDREN, command.name());
          continue;
        }
        group.add(new Sub(Optional.of(words[0]), words[1], description, command.name(),
            options.get()));
        command.aliases().stream().map(a -> a.strip().toLowerCase(Locale.ROOT))
            .filter(a -> VALID_NAME.matcher(a).matches()).findFirst()
            .ifPresent(alias -> shortcuts.add(new Sub(Optional.empty(), alias,
                description, command.name(), options.get())));
      } else if (words.length > 2) {
        log.warn("discord: '{}' has more than two words; Discord nests at most two, left out",
            command.name());
      }
    }
    // The top level: one-word commands, then groups, then shortcuts while there is room.
    List<Sub> top = new ArrayList<>();
    Map<String, List<Sub>> keptGroups = new LinkedHashMap<>();
    // Always there: how an unknown Discord account becomes a Clarion user.
    top.add(new Sub(Optional.empty(), "link", "Link your Discord account to Clarion with a"
        + " one-time code", LINK, List.of(new Option("code", STRING, true,
            "The code from 'clarion user link <you> --channel discord'", "word"))));
    int used = 1;
    for (Sub s : singles) {
      if (groups.containsKey(s.name()) || s.name().equals("link")) {
        log.warn("discord: command '{}' has the name of a group; left out", s.catalogue());
      } else if (used < MAX_CHILDREN) {
        top.add(s);
        used++;
      } else {
        log.warn("discord: /clarion is full ({} entries); '{}' left out", MAX_CHILDREN,
            s.catalogue());
      }
    }
    for (Map.Entry<String, List<Sub>> g : groups.entrySet()) {
      if (used < MAX_CHILDREN) {
        keptGroups.put(g.getKey(), List.copyOf(g.getValue()));
        used++;
      } else {
        log.warn("discord: /clarion is full ({} entries); group '{}' left out", MAX_CHILDREN,
            g.getKey());
      }
    }
    for (Sub s : shortcuts) {
      boolean taken = keptGroups.containsKey(s.name())
          || top.stream().anyMatch(t -> t.name().equals(s.name()));
      if (!taken && used < MAX_CHILDREN) {
        top.add(s);
        used++;
      } else if (!taken) {
        log.info("discord: no room for the shortcut /clarion {} (use /clarion {})", s.name(),
            s.catalogue());
      }
    }
    return new SlashCommand(top, keptGroups);
  }

  private static boolean valid(String word, Commands.CommandInfo command) {
    if (VALID_NAME.matcher(word).matches()) {
      return true;
    }
    log.warn("discord: '{}' is not a valid Discord command name ([-_a-z0-9], 1-32); '{}' left"
        + " out", word, command.name());
    return false;
  }

  /** The options of a command; empty (and logged) when Discord would refuse them. */
  private static Optional<List<Option>> options(Commands.CommandInfo command) {
    List<Commands.ArgumentInfo> arguments = command.arguments();
    if (arguments.size() > MAX_OPTIONS) {
      log.warn("discord: '{}' has {} arguments, Discord allows {}; left out", command.name(),
          arguments.size(), MAX_OPTIONS);
      return Optional.empty();
    }
    List<Option> options = new ArrayList<>();
    for (Commands.ArgumentInfo a : arguments) {
      String name = a.name().strip().toLowerCase(Locale.ROOT).replaceAll("[^-_a-z0-9]", "_");
      name = name.length() > 32 ? name.substring(0, 32) : name;
      String optionName = name;
      if (name.isEmpty() || options.stream().anyMatch(o -> o.name().equals(optionName))) {
        log.warn("discord: '{}' has an argument Discord cannot name ('{}'); left out",
            command.name(), a.name());
        return Optional.empty();
      }
      String type = a.type() == null ? "word" : a.type().toLowerCase(Locale.ROOT);
      options.add(new Option(name, type.equals("incident") ? INTEGER : STRING, a.required(),
          description(a.help(), a.name()), type));
    }
    return Optional.of(List.copyOf(options));
  }

  private static String description(String text, String fallback) {
    String d = text == null || text.isBlank() ? fallback : text.strip();
    return IncidentMessage.cut(d, MAX_DESCRIPTION);
  }

  /** Every invocable subcommand (groups' and top-level ones). */
  List<Sub> subs() {
    return subs;
  }

  /** The application command list (one command, {@code /clarion}), for bulk overwrite. */
  ArrayNode registration() {
    ArrayNode commands = NODES.arrayNode();
    ObjectNode command = commands.addObject();
    command.put("name", NAME);
    command.put("type", 1);
    command.put("description", "Clarion incident response");
    ArrayNode children = command.putArray("options");
    for (Sub sub : topLevel) {
      subcommand(children, sub);
    }
    groups.forEach((name, members) -> {
      ObjectNode group = children.addObject();
      group.put("type", SUB_COMMAND_GROUP);
      group.put("name", name);
      group.put("description", IncidentMessage.cut(
          "/clarion " + name + " " + members.stream().map(Sub::name)
              .reduce((a, b) -> a + "|" + b).orElse(""), MAX_DESCRIPTION));
      ArrayNode groupSubs = group.putArray("options");
      members.forEach(m -> subcommand(groupSubs, m));
    });
    return commands;
  }

  private static void subcommand(ArrayNode parent, Sub sub) {
    ObjectNode s = parent.addObject();
    s.put("type", SUB_COMMAND);
    s.put("name", sub.name());
    s.put("description", sub.description());
    ArrayNode options = s.putArray("options");
    // Discord wants required options before optional ones; the line keeps catalogue order.
    sub.options().stream().sorted(Comparator.comparing(o -> !o.required())).forEach(o -> {
      ObjectNode option = options.addObject();
      option.put("type", o.type());
      option.put("name", o.name());
      option.put("description", o.description());
      option.put("required", o.required());
      if (o.autocomplete()) {
        option.put("autocomplete", true);
      }
    });
  }

  /** The invoked subcommand of an interaction's {@code data}. */
  Optional<Sub> sub(JsonNode data) {
    JsonNode first = data.path("options").path(0);
    String name = first.path("name").asText("");
    if (first.path("type").asInt() == SUB_COMMAND_GROUP) {
      String member = first.path("options").path(0).path("name").asText("");
      return groups.getOrDefault(name, List.of()).stream()
          .filter(s -> s.name().equals(member)).findFirst();
    }
    return topLevel.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The options given with the invoked subcommand (inside its group, if any). */
  private static JsonNode given(JsonNode data) {
    JsonNode first = data.path("options").path(0);
    return first.path("type").asInt() == SUB_COMMAND_GROUP
        ? first.path("options").path(0).path("options") : first.path("options");
  }

  /** The catalogue line: the subcommand's catalogue name and its option values in order. */
  static String commandLine(Sub sub, JsonNode data) {
    JsonNode given = given(data);
    StringBuilder line = new StringBuilder(sub.catalogue());
    for (Option o : sub.options()) {
      for (JsonNode g : given) {
        if (g.path("name").asText().equals(o.name())) {
          String value = g.path("value").asText("").strip();
          if (!value.isEmpty()) {
            line.append(' ').append(value);
          }
        }
      }
    }
    return line.toString();
  }

  /**
   * The option being typed in an autocomplete interaction: its name, its catalogue argument type
   * (empty when the subcommand is not ours) and what is typed so far.
   */
  record Focused(String option, String argumentType, String typed) {}

  Optional<Focused> focused(JsonNode data) {
    Optional<Sub> sub = sub(data);
    for (JsonNode g : given(data)) {
      if (g.path("focused").asBoolean(false)) {
        String name = g.path("name").asText("");
        String type = sub.flatMap(s -> s.options().stream()
            .filter(o -> o.name().equals(name)).findFirst()).map(Option::argumentType)
            .orElse(name.equals("service") ? "service" : "incident");
        return Optional.of(new Focused(name, type, g.path("value").asText("")));
      }
    }
    return Optional.empty();
  }
}
