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
      case "error" -> {
        out.append(reply.path("error").path("message").asText()).append('\n');
      }
      default -> out.append(reply.toPrettyString()).append('\n');
    }
    return out.toString();
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
