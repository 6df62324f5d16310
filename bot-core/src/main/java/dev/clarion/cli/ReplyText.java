package dev.clarion.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** Renders a command reply (the API's JSON reply model) as terminal text. */
final class ReplyText {
  private ReplyText() {}

  static String render(JsonNode reply) {
    StringBuilder out = new StringBuilder();
    switch (reply.path("type").asText()) {
      case "incident" -> {
        out.append(reply.path("headline").asText()).append('\n');
        incident(out, reply.path("incident"));
        nextEscalation(out, reply.path("incident").path("next_escalation"));
        out.append("timeline:\n");
        for (JsonNode entry : reply.path("incident").path("timeline")) {
          out.append("  ").append(entry.path("at").asText()).append("  ")
              .append(String.format("%-14s", entry.path("kind").asText()))
              .append(entry.path("message").asText())
              .append("  (").append(entry.path("actor").asText()).append(")\n");
        }
      }
      case "incident_list" -> {
        out.append(reply.path("title").asText()).append('\n');
        for (JsonNode i : reply.path("incidents")) {
          out.append(String.format("  #%-6s %-13s %-3s %-9s %-16s %s%n",
              i.path("number").asText(), i.path("status").asText(), i.path("priority").asText(),
              i.path("urgency").asText(), i.path("service").asText(), i.path("summary").asText()));
        }
      }
      case "help" -> {
        out.append("Commands:\n");
        for (JsonNode c : reply.path("commands")) {
          out.append(String.format("  %-40s %s%n", c.path("usage").asText(), c.path("summary").asText()));
        }
      }
      case "oncall" -> {
        out.append(reply.path("title").asText()).append('\n');
        for (JsonNode a : reply.path("schedules")) {
          out.append(String.format("  %-24s %s%n", a.path("name").asText(),
              a.path("nobody").asBoolean() ? "nobody is on call"
                  : a.path("on_call").asText() + (a.path("until").isNull() ? ""
                      : " until " + a.path("until").asText())));
        }
      }
      case "shift_list" -> {
        out.append(reply.path("title").asText()).append('\n');
        for (JsonNode s : reply.path("shifts")) {
          out.append(String.format("  %-20s %s -> %s  %s%n", s.path("schedule").asText(),
              s.path("start").asText(), s.path("end").asText(), s.path("user").asText()));
        }
      }
      case "overrides" -> {
        out.append(reply.path("headline").asText()).append('\n');
        for (JsonNode o : reply.path("overrides")) {
          out.append(String.format("  %-5s %s covers %s %s -> %s %s%n", o.path("id").asText(),
              o.path("coverer").asText(), o.path("covers").asText(), o.path("start").asText(),
              o.path("end").asText(), o.path("reason").asText()));
        }
      }
      case "maintenance_preview" -> {
        JsonNode p = reply.path("preview");
        out.append(reply.path("headline").asText()).append('\n')
            .append("  services      ").append(p.path("services").toString()).append('\n')
            .append("  integrations  ").append(p.path("integrations").toString()).append('\n');
        for (JsonNode i : p.path("open_incidents")) {
          out.append("  open #").append(i.path("number").asText()).append(' ')
              .append(i.path("summary").asText()).append('\n');
        }
        out.append("Nothing changed yet. To start it, run: ")
            .append(reply.path("confirm_command").asText()).append('\n');
      }
      case "maintenance" -> {
        out.append(reply.path("headline").asText()).append('\n');
        for (JsonNode w : reply.path("windows")) {
          out.append(String.format("  #%-4s %-10s %s -> %s  %s  by %s %s%n", w.path("id").asText(),
              w.path("status").asText(), w.path("start").asText(), w.path("end").asText(),
              w.path("services").toString(), w.path("created_by").asText(),
              w.path("reason").asText()));
        }
      }
      case "runbook_list" -> {
        out.append(reply.path("title").asText()).append('\n');
        for (JsonNode r : reply.path("runbooks")) {
          out.append(String.format("  %-28s %s%s%n", r.path("id").asText(),
              r.path("playbook").asBoolean() ? "[playbook] " : "", r.path("description").asText()));
        }
      }
      case "runbook" -> {
        JsonNode r = reply.path("runbook");
        out.append(r.path("id").asText()).append(" — ").append(r.path("name").asText()).append('\n')
            .append("  ").append(r.path("description").asText()).append('\n');
        for (String f : new String[] {"author", "last_updated", "escalation_poc", "services",
            "tools", "permissions", "parameters", "stakeholders", "communication_plan"}) {
          JsonNode v = r.path(f);
          if (!v.isMissingNode() && !v.isNull() && !(v.isContainerNode() && v.isEmpty())
              && !(v.isTextual() && v.asText().isEmpty())) {
            out.append(String.format("  %-19s %s%n", f, v.isTextual() ? v.asText() : v.toString()));
          }
        }
        out.append("  steps:\n");
        for (JsonNode s : r.path("steps")) {
          out.append(String.format("    %-9s %-24s %s%n", s.path("type").asText(),
              s.path("id").asText(), s.path("name").asText()));
        }
      }
      case "runbook_run" -> out.append(reply.path("headline").asText()).append('\n');
      case "runbook_runs" -> {
        out.append(reply.path("title").asText()).append('\n');
        for (JsonNode r : reply.path("runs")) {
          out.append(String.format("  #%-5s %-24s %-9s %-8s %s%n", r.path("number").asText(),
              r.path("runbook").asText(), r.path("incident").isNull() ? "-"
                  : "#" + r.path("incident").asText(), r.path("requester").asText(),
              r.path("summary").asText()));
        }
      }
      case "simulation" -> {
        out.append(reply.path("title").asText()).append('\n');
        java.time.Instant start = java.time.Instant.parse(reply.path("start").asText());
        for (JsonNode e : reply.path("events")) {
          java.time.Duration since =
              java.time.Duration.between(start, java.time.Instant.parse(e.path("at").asText()));
          out.append(String.format("  +%-6s %s  %s%n", since.toMinutes() + "m",
              e.path("at").asText(), e.path("what").asText()));
        }
        out.append("Nobody was paged: this is a simulation.\n");
      }
      case "error" -> {
        out.append(reply.path("error").path("message").asText()).append('\n');
      }
      default -> out.append(reply.toPrettyString()).append('\n');
    }
    return out.toString();
  }

  /** "  next escalation 2026-11-23T03:45:00Z (step 2, round 1) → kim via schedule db". */
  static void nextEscalation(StringBuilder out, JsonNode next) {
    if (next.isMissingNode() || next.isNull()) {
      return;
    }
    java.util.List<String> targets = new java.util.ArrayList<>();
    next.path("targets").forEach(t -> targets.add(t.path("text").asText()));
    out.append("  next escalation ").append(next.path("at").asText())
        .append(" (step ").append(next.path("step").asText())
        .append(", round ").append(next.path("round").asText()).append(") → ")
        .append(String.join("; ", targets)).append('\n');
  }

  private static void incident(StringBuilder out, JsonNode i) {
    out.append(String.format(
        "  status %s · %s %s · urgency %s · service %s · alerts %s%n",
        i.path("status").asText(), i.path("priority").asText(), i.path("priority_label").asText(),
        i.path("urgency").asText(), i.path("service").asText(), i.path("alert_count").asText()));
    if (i.path("assignees").size() > 0) {
      out.append("  assignees ").append(i.path("assignees").toString()).append('\n');
    }
  }
}
