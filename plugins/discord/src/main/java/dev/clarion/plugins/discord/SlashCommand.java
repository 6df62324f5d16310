package dev.clarion.plugins.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * {@code /clarion} and its subcommands, mirroring the command catalogue (the SPI exposes
 * {@code Commands.run} only, so the list is kept here like Telegram's menu): its registration
 * body for {@code PUT /applications/{app}/commands}, and how an invocation's typed options become
 * a catalogue line.
 */
final class SlashCommand {
  static final String NAME = "clarion";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int STRING = 3;
  private static final int INTEGER = 4;

  /** One typed option, in catalogue argument order. */
  record Option(String name, int type, boolean required, String description,
      boolean autocomplete) {}

  /**
   * One subcommand. {@code shared}: it changes an incident, so its deferred answer is public;
   * the others answer only the asker.
   */
  record Sub(String name, String description, String catalogue, boolean shared,
      List<Option> options) {}

  private static final Option NUMBER =
      new Option("number", INTEGER, true, "Incident number, e.g. 42", true);

  static final List<Sub> SUBCOMMANDS = List.of(
      new Sub("list", "List incidents (open by default)", "incident list", false,
          List.of(new Option("status", STRING, false,
              "open, triggered, acknowledged, resolved or all", false))),
      new Sub("show", "Show an incident and its timeline", "incident show", false,
          List.of(NUMBER)),
      new Sub("ack", "Acknowledge an incident: you are on it", "incident ack", true,
          List.of(NUMBER)),
      new Sub("resolve", "Resolve an incident", "incident resolve", true, List.of(NUMBER)),
      new Sub("comment", "Add a note to an incident's timeline", "incident comment", true,
          List.of(NUMBER, new Option("text", STRING, true, "The note", false))),
      new Sub("new", "Open an incident by hand", "incident new", true,
          List.of(new Option("service", STRING, true, "Service id", true),
              new Option("summary", STRING, true, "What is wrong", false))),
      new Sub("oncall", "On call: who, or cover <duration> [schedule]", "oncall", false,
          List.of(new Option("args", STRING, false, "e.g. who, or cover 2h", false))),
      new Sub("maint", "Maintenance: start/extend/end/list", "maint", true,
          List.of(new Option("args", STRING, false, "e.g. start checkout 30m deploy", false))),
      new Sub("help", "What Clarion can do", "help", false,
          List.of(new Option("command", STRING, false, "A command name", false))));

  private SlashCommand() {}

  /** The application command list (one command with subcommands), for bulk overwrite. */
  static ArrayNode registration() {
    ArrayNode commands = NODES.arrayNode();
    ObjectNode command = commands.addObject();
    command.put("name", NAME);
    command.put("type", 1);
    command.put("description", "Clarion incident response");
    ArrayNode subs = command.putArray("options");
    for (Sub sub : SUBCOMMANDS) {
      ObjectNode s = subs.addObject();
      s.put("type", 1);
      s.put("name", sub.name());
      s.put("description", sub.description());
      ArrayNode options = s.putArray("options");
      for (Option o : sub.options()) {
        ObjectNode option = options.addObject();
        option.put("type", o.type());
        option.put("name", o.name());
        option.put("description", o.description());
        option.put("required", o.required());
        if (o.autocomplete()) {
          option.put("autocomplete", true);
        }
      }
    }
    return commands;
  }

  /** The invoked subcommand of an interaction's {@code data}. */
  static Optional<Sub> sub(JsonNode data) {
    JsonNode invoked = data.path("options").path(0);
    String name = invoked.path("name").asText("");
    return SUBCOMMANDS.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /** The catalogue line: the subcommand's catalogue name and its option values in order. */
  static String commandLine(Sub sub, JsonNode data) {
    JsonNode given = data.path("options").path(0).path("options");
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

  /** The option being typed in an autocomplete interaction: its name and what is typed so far. */
  record Focused(String option, String typed) {}

  /** The option being typed in an autocomplete interaction, with what is typed so far. */
  static Optional<Focused> focused(JsonNode data) {
    for (JsonNode g : data.path("options").path(0).path("options")) {
      if (g.path("focused").asBoolean(false)) {
        return Optional.of(new Focused(g.path("name").asText(""), g.path("value").asText("")));
      }
    }
    return Optional.empty();
  }
}
