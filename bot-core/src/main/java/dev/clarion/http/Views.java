package dev.clarion.http;

import dev.clarion.command.Argument;
import dev.clarion.command.CommandSpec;
import dev.clarion.command.Reply;
import dev.clarion.escalation.NextEscalation;
import dev.clarion.incident.Incident;
import dev.clarion.incident.TimelineEntry;
import dev.clarion.alert.IntegrationId;
import dev.clarion.maintenance.MaintenanceWindow;
import dev.clarion.maintenance.Preview;
import dev.clarion.schedule.ScheduleOverride;
import dev.clarion.schedule.Shift;
import dev.clarion.service.ServiceId;
import dev.clarion.user.UserId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The API's JSON shapes, written out explicitly so domain refactors cannot change the wire format. */
final class Views {
  private Views() {}

  static Map<String, Object> incident(Incident i) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("number", i.id().value());
    m.put("service", i.service().value());
    m.put("summary", i.summary());
    m.put("source", i.source());
    m.put("status", i.status().label());
    m.put("urgency", i.urgency().label());
    m.put("impact", i.impact().label());
    m.put("priority", i.priority().name());
    m.put("priority_label", i.priority().meaning());
    i.dedupKey().ifPresent(k -> {
      m.put("integration", k.integration());
      m.put("dedup_key", k.value());
    });
    m.put("alert_count", i.alertCount());
    m.put("created_at", i.createdAt().toString());
    m.put("last_event_at", i.lastEventAt().toString());
    m.put("acknowledged_at", i.acknowledgedAt().map(Object::toString).orElse(null));
    m.put("resolved_at", i.resolvedAt().map(Object::toString).orElse(null));
    m.put("assignees", i.assignees().stream().map(UserId::value).toList());
    m.put("suppressed", i.suppressed());
    m.put("details", i.details());
    return m;
  }

  static Map<String, Object> timelineEntry(TimelineEntry e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", e.at().toString());
    m.put("kind", e.kind().label());
    m.put("actor", e.actor());
    m.put("message", e.message());
    return m;
  }

  static Map<String, Object> incidentWithTimeline(Incident i, List<TimelineEntry> timeline) {
    Map<String, Object> m = incident(i);
    m.put("timeline", timeline.stream().map(Views::timelineEntry).toList());
    return m;
  }

  /** {at, step, step_id, round, targets: [{kind, name, via, people: [{id, name}]}]}. */
  static Map<String, Object> nextEscalation(NextEscalation n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", n.at().toString());
    m.put("step", n.step());
    m.put("step_id", n.stepId());
    m.put("round", n.round());
    m.put("targets", n.targets().stream().map(t -> {
      Map<String, Object> target = new LinkedHashMap<>();
      target.put("kind", t.kind());
      target.put("name", t.name());
      target.put("via", t.via().orElse(null));
      target.put("people", t.people().stream().map(p -> {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("id", p.id().value());
        person.put("name", p.name());
        return person;
      }).toList());
      target.put("text", t.describe());
      return target;
    }).toList());
    return m;
  }

  static Map<String, Object> command(CommandSpec c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", c.name());
    m.put("usage", c.usage());
    m.put("summary", c.summary());
    m.put("role", c.requiredRole().label());
    m.put("aliases", c.aliases());
    m.put("arguments", c.arguments().stream().map(Views::argument).toList());
    return m;
  }

  private static Map<String, Object> argument(Argument a) {
    return Map.of("name", a.name(), "type", a.type().name().toLowerCase(java.util.Locale.ROOT),
        "required", a.required(), "help", a.help());
  }

  /** A command reply as JSON: {@code type} says which model, the rest is that model. */
  static Map<String, Object> reply(Reply reply) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (reply instanceof Reply.IncidentReply r) {
      m.put("type", "incident");
      m.put("headline", r.headline());
      m.put("shared_change", r.sharedChange());
      Map<String, Object> incident = incidentWithTimeline(r.incident(), r.timeline());
      incident.put("next_escalation", r.nextEscalation().map(Views::nextEscalation).orElse(null));
      m.put("incident", incident);
    } else if (reply instanceof Reply.IncidentListReply r) {
      m.put("type", "incident_list");
      m.put("title", r.title());
      m.put("incidents", r.incidents().stream().map(Views::incident).toList());
    } else if (reply instanceof Reply.HelpReply r) {
      m.put("type", "help");
      m.put("commands", r.commands().stream().map(Views::command).toList());
    } else if (reply instanceof Reply.OnCallReply r) {
      m.put("type", "oncall");
      m.put("title", r.title());
      m.put("at", r.at().toString());
      m.put("schedules", r.answers().stream().map(Views::onCallAnswer).toList());
    } else if (reply instanceof Reply.ShiftListReply r) {
      m.put("type", "shift_list");
      m.put("title", r.title());
      m.put("shifts", r.shifts().stream().map(Views::shift).toList());
    } else if (reply instanceof Reply.OverrideReply r) {
      m.put("type", "overrides");
      m.put("headline", r.headline());
      m.put("shared_change", r.sharedChange());
      m.put("overrides", r.overrides().stream().map(Views::override).toList());
    } else if (reply instanceof Reply.MaintenancePreviewReply r) {
      m.put("type", "maintenance_preview");
      m.put("headline", r.headline());
      m.put("preview", preview(r.preview()));
      m.put("confirm_command", r.confirmCommand());
    } else if (reply instanceof Reply.MaintenanceReply r) {
      m.put("type", "maintenance");
      m.put("headline", r.headline());
      m.put("shared_change", r.sharedChange());
      m.put("windows", r.windows().stream().map(w -> maintenanceWindow(w, r.asOf())).toList());
    } else if (reply instanceof Reply.RunbookListReply r) {
      m.put("type", "runbook_list");
      m.put("title", r.title());
      m.put("runbooks", r.runbooks().stream().map(Views::runbookSummary).toList());
    } else if (reply instanceof Reply.RunbookReply r) {
      m.put("type", "runbook");
      m.put("runbook", runbook(r.runbook()));
    } else if (reply instanceof Reply.RunReply r) {
      m.put("type", "runbook_run");
      m.put("headline", r.headline());
      m.put("shared_change", r.sharedChange());
      m.put("run", run(r.run()));
    } else if (reply instanceof Reply.RunListReply r) {
      m.put("type", "runbook_runs");
      m.put("title", r.title());
      m.put("runs", r.runs().stream().map(Views::run).toList());
    } else if (reply instanceof Reply.SimulationReply r) {
      m.put("type", "simulation");
      m.put("title", r.title());
      m.put("policy", r.simulation().policy());
      m.put("service", r.simulation().service().orElse(null));
      m.put("start", r.simulation().start().toString());
      m.put("ack_after_minutes",
          r.simulation().ackAfter().map(java.time.Duration::toMinutes).orElse(null));
      m.put("events", r.simulation().events().stream().map(e -> {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("at", e.at().toString());
        event.put("what", e.what());
        event.put("paged", e.recipients().stream().map(UserId::value).toList());
        return event;
      }).toList());
    } else if (reply instanceof Reply.ErrorReply r) {
      m.put("type", "error");
      m.put("error", ProblemBody.of(r.kind(), r.field(), r.message()));
      r.usage().ifPresent(u -> m.put("usage", u));
    }
    return m;
  }

  static Map<String, Object> runbookSummary(dev.clarion.runbook.Runbook r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id().value());
    m.put("name", r.name());
    m.put("description", r.description());
    m.put("services", r.services().stream().map(s -> s.value()).toList());
    m.put("playbook", r.isPlaybook());
    return m;
  }

  static Map<String, Object> runbook(dev.clarion.runbook.Runbook r) {
    Map<String, Object> m = runbookSummary(r);
    m.put("tools", r.tools());
    m.put("permissions", r.permissions());
    m.put("author", r.author());
    m.put("last_updated", r.lastUpdated());
    m.put("escalation_poc", r.escalationPoc());
    m.put("stakeholders", r.stakeholders());
    m.put("communication_plan", r.communicationPlan());
    m.put("parameters", r.parameters());
    m.put("steps", r.steps().stream().map(s -> Map.of("id", s.id(), "name", s.name(),
        "type", s.type())).toList());
    m.put("file", r.origin());
    return m;
  }

  static Map<String, Object> run(dev.clarion.runbook.RunbookRun r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("number", r.id().value());
    m.put("runbook", r.runbook().value());
    m.put("incident", r.incident().map(i -> (Object) i.value()).orElse(null));
    m.put("requester", r.requester().value());
    m.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
    m.put("step", r.step().orElse(null));
    m.put("detail", r.detail().orElse(null));
    m.put("choices", r.choices());
    m.put("approver_role", r.approverRole().map(dev.clarion.user.Role::label).orElse(null));
    m.put("parameters", r.parameters());
    m.put("started_at", r.startedAt().toString());
    m.put("ended_at", r.endedAt().map(Object::toString).orElse(null));
    m.put("summary", dev.clarion.command.RunbookCommands.describe(r));
    return m;
  }

  static Map<String, Object> onCallAnswer(Reply.OnCallAnswer a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schedule", a.schedule().value());
    m.put("name", a.scheduleName());
    m.put("on_call", a.user().map(UserId::value).orElse(null));
    m.put("nobody", a.user().isEmpty());
    m.put("until", a.until().map(Object::toString).orElse(null));
    return m;
  }

  static Map<String, Object> shift(Shift s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schedule", s.schedule().value());
    m.put("user", s.user().value());
    m.put("start", s.start().toString());
    m.put("end", s.end().toString());
    return m;
  }

  static Map<String, Object> override(ScheduleOverride o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", o.id().value());
    m.put("schedule", o.schedule().value());
    m.put("coverer", o.coverer().value());
    m.put("covers", o.target().label());
    m.put("start", o.start().toString());
    m.put("end", o.end().toString());
    m.put("reason", o.reason());
    return m;
  }

  static Map<String, Object> maintenanceWindow(MaintenanceWindow w, Instant asOf) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", w.id().value());
    m.put("services", w.services().stream().map(ServiceId::value).sorted().toList());
    m.put("status", w.status(asOf).label());
    m.put("start", w.start().toString());
    m.put("end", w.end().toString());
    m.put("reason", w.reason());
    m.put("created_by", w.createdBy());
    m.put("created_at", w.createdAt().toString());
    m.put("ended_by", w.endedBy().orElse(null));
    return m;
  }

  static Map<String, Object> preview(Preview p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("services", p.services().stream().map(s -> s.id().value()).toList());
    m.put("integrations", p.integrations().stream().map(IntegrationId::value).toList());
    m.put("open_incidents", p.openIncidents().stream().map(Views::incident).toList());
    m.put("alerts_last_hour", p.alertsLastHour());
    m.put("duration_minutes", p.duration().toMinutes());
    return m;
  }
}
