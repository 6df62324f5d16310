package dev.clarion.plugins.discord;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clarion.api.IncidentButtons;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An incident as a Discord message: one embed (title linking to the incident, fields for service,
 * urgency, priority, status, assignee and alerts, a colour by status) and one row of buttons that
 * still make sense for the status. Embeds are not markdown-parsed in their field values' text the
 * way message content is, but titles and values are still cut to Discord's limits here.
 */
final class IncidentMessage {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  static final int TITLE_LIMIT = 256;
  static final int FIELD_LIMIT = 1024;

  private IncidentMessage() {}

  /** The message body for {@code POST/PATCH /channels/{id}/messages}. */
  static ObjectNode render(Map<String, String> f, IncidentButtons ids, String channelId) {
    String status = f.getOrDefault("STATUS", "triggered").toLowerCase(Locale.ROOT);
    String id = f.getOrDefault("INCIDENT_ID", "?");
    ObjectNode body = NODES.objectNode();
    // The content is what notifications and clients without embeds show.
    body.put("content", cut("#" + id + " " + f.getOrDefault("INCIDENT_NAME", "") + " ["
        + status + "]", 2000));
    // Never ping @everyone or roles from alert text.
    body.putObject("allowed_mentions").putArray("parse");
    ObjectNode embed = body.putArray("embeds").addObject();
    embed.put("title", cut("#" + id + " " + f.getOrDefault("INCIDENT_NAME", ""), TITLE_LIMIT));
    String url = f.getOrDefault("INCIDENT_URL", "");
    if (url.startsWith("http://") || url.startsWith("https://")) {
      embed.put("url", url);
    }
    embed.put("color", colour(status));
    ArrayNode fields = embed.putArray("fields");
    field(fields, "Service", f.getOrDefault("SERVICE_NAME", ""));
    field(fields, "Urgency", f.getOrDefault("URGENCY", ""));
    field(fields, "Priority", f.getOrDefault("PRIORITY", ""));
    field(fields, "Status", status);
    String assignee = f.getOrDefault("ASSIGNEE", "");
    field(fields, "Assignee", assignee.isBlank() ? "nobody" : assignee);
    field(fields, "Alerts", f.getOrDefault("ALERT_COUNT", "1"));
    String next = f.getOrDefault("NEXT_ESCALATION", "").strip();
    if (!next.isEmpty() && !status.equals("resolved")) {
      ObjectNode nextField = fields.addObject();
      nextField.put("name", "Next escalation");
      nextField.put("value", cut(next, FIELD_LIMIT));
      nextField.put("inline", false);
    }
    ArrayNode components = body.putArray("components");
    List<IncidentButtons.Action> buttons = IncidentButtons.forStatus(status);
    long incident;
    try {
      incident = Long.parseLong(id);
    } catch (NumberFormatException e) {
      return body;
    }
    if (!buttons.isEmpty()) {
      ObjectNode row = components.addObject();
      row.put("type", 1);
      ArrayNode rowButtons = row.putArray("components");
      for (IncidentButtons.Action action : buttons) {
        ObjectNode button = rowButtons.addObject();
        button.put("type", 2);
        button.put("style", switch (action) {
          case ACK -> 1;
          case RESOLVE -> 3;
          case ESCALATE -> 4;
          case RUNBOOK -> 2;
        });
        button.put("label", action.label());
        button.put("custom_id", ids.sign(action, incident, channelId));
      }
    }
    List<String> runbooks = IncidentButtons.runbooks(f, status, 5);
    if (!runbooks.isEmpty()) {
      ObjectNode row = components.addObject();
      row.put("type", 1);
      ArrayNode rowButtons = row.putArray("components");
      for (String runbook : runbooks) {
        rowButtons.addObject().put("type", 2).put("style", 2)
            .put("label", cut("Run " + runbook, 80))
            .put("custom_id", ids.signRunbook(runbook, incident, channelId).orElseThrow());
      }
    }
    return body;
  }

  private static void field(ArrayNode fields, String name, String value) {
    ObjectNode field = fields.addObject();
    field.put("name", name);
    // An empty value is refused by Discord.
    field.put("value", value.isBlank() ? "-" : cut(value, FIELD_LIMIT));
    field.put("inline", true);
  }

  private static int colour(String status) {
    return switch (status) {
      case "acknowledged" -> 0xF1C40F;
      case "resolved" -> 0x2ECC71;
      default -> 0xE74C3C;
    };
  }

  static String cut(String text, int limit) {
    if (text.length() <= limit) {
      return text;
    }
    int keep = limit - 1;
    if (Character.isLowSurrogate(text.charAt(keep))) {
      keep--;
    }
    return text.substring(0, keep) + "…";
  }
}
