package dev.clarion.plugins.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.asBlocks;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.asElements;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Block Kit rendering of one incident: what happened, where, how bad, who has it, and buttons
 * to act. Resolved incidents lose their buttons. Field values are plain text from the core and are
 * escaped here for Slack's mrkdwn ({@code & < >}).
 */
final class IncidentMessage {
  static final String ACK = "clarion_ack";
  static final String RESOLVE = "clarion_resolve";
  static final String ESCALATE = "clarion_escalate";

  private IncidentMessage() {}

  /** The notification text (shown in notifications and by clients without blocks). */
  static String text(Map<String, String> f) {
    return "#" + f.getOrDefault("INCIDENT_ID", "?") + " " + f.getOrDefault("INCIDENT_NAME", "")
        + " [" + f.getOrDefault("STATUS", "") + "]";
  }

  static List<LayoutBlock> blocks(Map<String, String> f) {
    String id = f.getOrDefault("INCIDENT_ID", "");
    String status = f.getOrDefault("STATUS", "");
    String title = "*" + escape("#" + id + " " + f.getOrDefault("INCIDENT_NAME", "")) + "*";
    String url = f.getOrDefault("INCIDENT_URL", "");
    if (!url.isEmpty()) {
      title = "<" + escape(url) + "|" + title + ">";
    }
    List<TextObject> facts = new ArrayList<>();
    facts.add(markdownText("*Service*\n" + escape(f.getOrDefault("SERVICE_NAME", ""))));
    facts.add(markdownText("*Status*\n" + escape(status)));
    facts.add(markdownText("*Urgency / priority*\n" + escape(f.getOrDefault("URGENCY", "")) + " / "
        + escape(f.getOrDefault("PRIORITY", ""))));
    String assignee = f.getOrDefault("ASSIGNEE", "");
    facts.add(markdownText("*Assignee*\n" + (assignee.isEmpty() ? "nobody" : escape(assignee))));
    facts.add(markdownText("*Alerts*\n" + escape(f.getOrDefault("ALERT_COUNT", "1"))));
    String sectionText = title;
    List<LayoutBlock> blocks = new ArrayList<>(asBlocks(
        section(s -> s.blockId("incident_" + id).text(markdownText(sectionText)).fields(facts)),
        context(c -> c.elements(List.of(markdownText("Opened " + escape(
            f.getOrDefault("CREATE_DATE", "")) + " · updated " + escape(
            f.getOrDefault("MODIFY_DATE", ""))))))));
    if (!status.equals("resolved")) {
      blocks.add(actions(a -> a.blockId("incident_actions_" + id).elements(asElements(
          button(b -> b.actionId(ACK).text(plainText("Acknowledge")).value(id).style("primary")),
          button(b -> b.actionId(RESOLVE).text(plainText("Resolve")).value(id)),
          button(b -> b.actionId(ESCALATE).text(plainText("Escalate now")).value(id)
              .style("danger"))))));
    }
    return blocks;
  }

  /** mrkdwn control characters (Slack's "escaping text" rules). */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
