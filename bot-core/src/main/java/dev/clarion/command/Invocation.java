package dev.clarion.command;

import dev.clarion.incident.IncidentId;
import dev.clarion.problem.Problem;
import java.util.Map;
import java.util.Optional;

/** A command call with its arguments read by name. */
public record Invocation(Invoker invoker, CommandSpec command, Map<String, String> arguments) {
  public Invocation {
    arguments = Map.copyOf(arguments);
  }

  public Optional<String> optional(String name) {
    return Optional.ofNullable(arguments.get(name)).filter(v -> !v.isBlank());
  }

  public String required(String name) {
    return optional(name)
        .orElseThrow(() -> Problem.invalid(name, "missing <" + name + ">; usage: " + command.usage()));
  }

  public IncidentId incident(String name) {
    return parseIncident(name, required(name));
  }

  static IncidentId parseIncident(String name, String text) {
    String digits = text.startsWith("#") ? text.substring(1) : text;
    try {
      long number = Long.parseLong(digits);
      if (number > 0) {
        return new IncidentId(number);
      }
    } catch (NumberFormatException ignored) {
      // fall through to the message below
    }
    throw Problem.invalid(name, "'" + text + "' is not an incident number (try 42 or #42)");
  }
}
