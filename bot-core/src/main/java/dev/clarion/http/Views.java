package dev.clarion.http;

import dev.clarion.command.Argument;
import dev.clarion.command.CommandSpec;
import dev.clarion.command.Reply;
import dev.clarion.incident.Incident;
import dev.clarion.incident.TimelineEntry;
import dev.clarion.user.UserId;
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
      m.put("incident", incidentWithTimeline(r.incident(), r.timeline()));
    } else if (reply instanceof Reply.IncidentListReply r) {
      m.put("type", "incident_list");
      m.put("title", r.title());
      m.put("incidents", r.incidents().stream().map(Views::incident).toList());
    } else if (reply instanceof Reply.HelpReply r) {
      m.put("type", "help");
      m.put("commands", r.commands().stream().map(Views::command).toList());
    } else if (reply instanceof Reply.ErrorReply r) {
      m.put("type", "error");
      m.put("error", ProblemBody.of(r.kind(), r.field(), r.message()));
      r.usage().ifPresent(u -> m.put("usage", u));
    }
    return m;
  }
}
