package dev.clarion.command;

import dev.clarion.incident.Incident;
import dev.clarion.incident.TimelineEntry;
import dev.clarion.problem.Problem;
import java.util.List;
import java.util.Optional;

/**
 * What a command answers, as a model. Surfaces render it: the CLI as text, the API as JSON, chat
 * plugins with their templates. {@link #sharedChange()} tells chat whether everyone should see the
 * reply (an incident changed) or only the person who asked.
 */
public sealed interface Reply {
  boolean sharedChange();

  /** One incident, after a change or on request. */
  record IncidentReply(String headline, Incident incident, List<TimelineEntry> timeline, boolean sharedChange)
      implements Reply {}

  record IncidentListReply(String title, List<Incident> incidents) implements Reply {
    public boolean sharedChange() {
      return false;
    }
  }

  record HelpReply(List<CommandSpec> commands, Optional<CommandSpec> detail) implements Reply {
    public boolean sharedChange() {
      return false;
    }
  }

  /** The command was refused or failed; {@code usage} helps when the input was wrong. */
  record ErrorReply(Problem.Kind kind, Optional<String> field, String message, Optional<String> usage)
      implements Reply {
    public boolean sharedChange() {
      return false;
    }
  }
}
