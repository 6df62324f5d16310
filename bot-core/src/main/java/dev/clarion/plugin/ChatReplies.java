package dev.clarion.plugin;

import dev.clarion.api.Commands;
import dev.clarion.command.Reply;
import dev.clarion.incident.Incident;
import dev.clarion.maintenance.MaintenanceWindow;
import dev.clarion.runbook.Runbook;
import dev.clarion.runbook.RunbookRun;
import dev.clarion.schedule.ScheduleOverride;
import dev.clarion.schedule.Shift;
import dev.clarion.user.UserId;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Turns a command {@link Reply} into what a chat plugin shows: plain text (the plugin escapes it
 * for its format) plus the buttons the reply offers. Times are shown in the asking user's zone.
 */
final class ChatReplies {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE d MMM HH:mm z", Locale.ENGLISH);

  private ChatReplies() {}

  static Commands.Result result(Reply reply, ZoneId zone) {
    if (reply instanceof Reply.ErrorReply e) {
      String text = e.message() + e.usage().map(u -> " (usage: " + u + ")").orElse("");
      return new Commands.Result(false, e.kind().name().toLowerCase(Locale.ROOT), text, false);
    }
    if (reply instanceof Reply.MaintenancePreviewReply p) {
      return new Commands.Result(true, "ok", text(reply, zone), false, List.of(
          new Commands.Action("Confirm", p.confirmCommand(), Commands.Action.Style.PRIMARY),
          new Commands.Action("Cancel", "", Commands.Action.Style.DEFAULT)));
    }
    if (reply instanceof Reply.RunReply r && !runActions(r.run()).isEmpty()) {
      return new Commands.Result(true, "ok", text(reply, zone), r.sharedChange(),
          runActions(r.run()));
    }
    return new Commands.Result(true, "ok", text(reply, zone), reply.sharedChange());
  }

  /** Approve/Deny, a run's choices, or Retry: the buttons that run the typed commands. */
  static List<Commands.Action> runActions(RunbookRun run) {
    long n = run.id().value();
    return switch (run.status()) {
      case WAITING_APPROVAL -> List.of(
          new Commands.Action("Approve", "runbook approve " + n, Commands.Action.Style.PRIMARY),
          new Commands.Action("Deny", "runbook deny " + n, Commands.Action.Style.DANGER));
      case WAITING_INPUT -> run.choices().stream().map(c -> new Commands.Action(c,
          "runbook answer " + n + " " + (c.contains(" ") ? "\"" + c + "\"" : c),
          Commands.Action.Style.DEFAULT)).toList();
      case FAILED -> List.of(
          new Commands.Action("Retry step", "runbook retry " + n, Commands.Action.Style.PRIMARY),
          new Commands.Action("Cancel run", "runbook cancel " + n, Commands.Action.Style.DANGER));
      default -> List.of();
    };
  }

  static String text(Reply reply, ZoneId zone) {
    StringBuilder out = new StringBuilder();
    if (reply instanceof Reply.IncidentReply r) {
      out.append(r.headline());
      r.nextEscalation().ifPresent(n -> out.append("\nNext escalation: ")
          .append(n.line(zone, r.incident().lastEventAt())));
    } else if (reply instanceof Reply.IncidentListReply l) {
      out.append(l.title());
      l.incidents().forEach(i -> out.append('\n').append(incidentLine(i)));
    } else if (reply instanceof Reply.HelpReply h) {
      h.detail().ifPresentOrElse(
          d -> out.append(d.usage()).append(" - ").append(d.summary()),
          () -> h.commands().forEach(c -> out.append(out.length() == 0 ? "" : "\n")
              .append(c.usage()).append(" - ").append(c.summary())));
    } else if (reply instanceof Reply.OnCallReply r) {
      out.append(r.title());
      r.answers().forEach(a -> out.append('\n').append(a.scheduleName()).append(": ").append(
          a.user().map(UserId::value).map(u -> u + a.until().map(t -> " until " + when(t, zone)).orElse(""))
              .orElse("nobody is on call")));
    } else if (reply instanceof Reply.ShiftListReply r) {
      out.append(r.title());
      r.shifts().forEach(s -> out.append('\n').append(shiftLine(s, zone)));
    } else if (reply instanceof Reply.OverrideReply r) {
      out.append(r.headline());
      r.overrides().forEach(o -> out.append('\n').append(overrideLine(o, zone)));
    } else if (reply instanceof Reply.MaintenancePreviewReply p) {
      out.append(p.headline())
          .append("\nServices: ").append(p.preview().services().stream()
              .map(s -> s.name()).collect(Collectors.joining(", ")))
          .append("\nOpen incidents there now: ").append(p.preview().openIncidents().size())
          .append("\nAlerts in the last hour: ").append(p.preview().alertsLastHour());
      p.preview().openIncidents().forEach(i -> out.append('\n').append(incidentLine(i)));
    } else if (reply instanceof Reply.RunbookListReply r) {
      out.append(r.title());
      r.runbooks().forEach(b -> out.append('\n').append(b.id().value())
          .append(b.isPlaybook() ? " [playbook]" : "").append(" - ").append(b.description()));
    } else if (reply instanceof Reply.RunbookReply r) {
      Runbook b = r.runbook();
      out.append(b.id().value()).append(" - ").append(b.name()).append('\n')
          .append(b.description()).append("\nAuthor: ").append(b.author())
          .append(", updated ").append(b.lastUpdated()).append("\nEscalation POC: ")
          .append(b.escalationPoc());
      if (!b.stakeholders().isEmpty()) {
        out.append("\nStakeholders: ").append(String.join(", ", b.stakeholders()));
      }
      if (!b.communicationPlan().isBlank()) {
        out.append("\nCommunication plan: ").append(b.communicationPlan());
      }
      for (int i = 0; i < b.steps().size(); i++) {
        Runbook.Step s = b.steps().get(i);
        out.append('\n').append(i + 1).append(". ").append(s.name()).append(" (").append(s.type())
            .append(')');
      }
    } else if (reply instanceof Reply.RunReply r) {
      out.append(r.headline());
    } else if (reply instanceof Reply.RunListReply r) {
      out.append(r.title());
      r.runs().forEach(run -> out.append("\n#").append(run.id().value()).append(' ')
          .append(run.runbook().value()).append(run.incident().map(i -> " on #" + i.value())
              .orElse("")).append(": ").append(dev.clarion.command.RunbookCommands.describe(run)));
    } else if (reply instanceof Reply.SimulationReply r) {
      out.append(r.title());
      r.simulation().events().forEach(e -> out.append('\n').append(when(e.at(), zone))
          .append("  ").append(e.what()));
      out.append("\n(simulation: nobody was paged)");
    } else if (reply instanceof Reply.MaintenanceReply r) {
      out.append(r.headline());
      r.windows().forEach(w -> out.append('\n').append(windowLine(w, r.asOf(), zone)));
    }
    return out.toString();
  }

  private static String incidentLine(Incident i) {
    return "#" + i.id().value() + " [" + i.status().label() + "] " + i.summary();
  }

  private static String shiftLine(Shift s, ZoneId zone) {
    return s.schedule().value() + ": " + s.user().value() + " " + when(s.start(), zone) + " - "
        + when(s.end(), zone);
  }

  private static String overrideLine(ScheduleOverride o, ZoneId zone) {
    return "#" + o.id().value() + " " + o.coverer().value() + " covers " + o.target().label()
        + " on " + o.schedule().value() + " " + when(o.start(), zone) + " - " + when(o.end(), zone)
        + (o.reason().isBlank() ? "" : " (" + o.reason() + ")");
  }

  private static String windowLine(MaintenanceWindow w, Instant asOf, ZoneId zone) {
    return "#" + w.id().value() + " [" + w.status(asOf).label() + "] "
        + w.services().stream().map(s -> s.value()).sorted().collect(Collectors.joining(", "))
        + " " + when(w.start(), zone) + " - " + when(w.end(), zone)
        + (w.reason().isBlank() ? "" : " (" + w.reason() + ")");
  }

  private static String when(Instant at, ZoneId zone) {
    return WHEN.format(at.atZone(zone));
  }
}
