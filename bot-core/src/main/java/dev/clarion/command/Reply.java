package dev.clarion.command;

import dev.clarion.escalation.NextEscalation;
import dev.clarion.incident.Incident;
import dev.clarion.incident.TimelineEntry;
import dev.clarion.maintenance.MaintenanceWindow;
import dev.clarion.maintenance.Preview;
import dev.clarion.problem.Problem;
import dev.clarion.runbook.Runbook;
import dev.clarion.runbook.RunbookRun;
import dev.clarion.schedule.ScheduleId;
import dev.clarion.schedule.ScheduleOverride;
import dev.clarion.schedule.Shift;
import dev.clarion.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a command answers, as a model. Surfaces render it: the CLI as text, the API as JSON, chat
 * plugins with their templates. {@link #sharedChange()} tells chat whether everyone should see the
 * reply (an incident changed) or only the person who asked.
 */
public sealed interface Reply {
  boolean sharedChange();

  /**
   * One incident, after a change or on request, with its next escalation step (empty when
   * escalation has stopped or ended).
   */
  record IncidentReply(String headline, Incident incident, List<TimelineEntry> timeline,
      boolean sharedChange, Optional<NextEscalation> nextEscalation) implements Reply {
    public IncidentReply(
        String headline, Incident incident, List<TimelineEntry> timeline, boolean sharedChange) {
      this(headline, incident, timeline, sharedChange, Optional.empty());
    }
  }

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

  /**
   * Who is on call on each schedule asked about. An answer with no {@code user} means nobody is
   * on call there right now; {@code until} is when the current stretch ends, if within a week.
   */
  record OnCallReply(String title, List<OnCallAnswer> answers, Instant at) implements Reply {
    public boolean sharedChange() {
      return false;
    }
  }

  /** One schedule's answer in an {@link OnCallReply}. */
  record OnCallAnswer(
      ScheduleId schedule, String scheduleName, Optional<UserId> user, Optional<Instant> until) {}

  record ShiftListReply(String title, List<Shift> shifts) implements Reply {
    public boolean sharedChange() {
      return false;
    }
  }

  /** Overrides after a change (shared) or on request. */
  record OverrideReply(String headline, List<ScheduleOverride> overrides, boolean sharedChange)
      implements Reply {}

  /**
   * What {@code maint start} would silence. Nothing has changed yet: running {@code
   * confirmCommand} (the same line with {@code --yes}) starts the window.
   */
  record MaintenancePreviewReply(String headline, Preview preview, String confirmCommand)
      implements Reply {
    public boolean sharedChange() {
      return false;
    }
  }

  /** Windows after a change (shared) or as a list; {@code asOf} fixes their status. */
  record MaintenanceReply(
      String headline, List<MaintenanceWindow> windows, Instant asOf, boolean sharedChange)
      implements Reply {}

  /** Runbooks in the catalogue (all, or those linked to a service). */
  record RunbookListReply(String title, List<Runbook> runbooks) implements Reply {
    public boolean sharedChange() {
      return false;
    }
  }

  /** One runbook with its seed-003 fields and steps. */
  record RunbookReply(Runbook runbook) implements Reply {
    public boolean sharedChange() {
      return false;
    }
  }

  /**
   * One run after a change (shared: its incident's responders see it) or on request. Chat offers
   * buttons from its status: Approve/Deny while it waits for approval, one per choice while it
   * waits for an answer, Retry when it failed.
   */
  record RunReply(String headline, RunbookRun run, boolean sharedChange) implements Reply {}

  record RunListReply(String title, List<RunbookRun> runs) implements Reply {
    public boolean sharedChange() {
      return false;
    }
  }

  /** An escalation policy's simulated timeline ({@code oncall simulate}); nobody was paged. */
  record SimulationReply(String title, dev.clarion.escalation.EscalationSimulations.Simulation simulation)
      implements Reply {
    public boolean sharedChange() {
      return false;
    }
  }
}
