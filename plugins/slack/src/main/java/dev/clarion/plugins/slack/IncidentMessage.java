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
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.composition.TextObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Block Kit rendering of one incident: what happened, where, how bad, who has it, the next
 * escalation step ({@code NEXT_ESCALATION}), and buttons to act — Acknowledge, Resolve, Escalate
 * now, and one "Run" button per runbook of the service ({@code RUNBOOKS}, comma-separated ids).
 * Resolved incidents lose their buttons. Timeline entries render as short thread replies. Field
 * values are plain text from the core and are escaped here for Slack's mrkdwn ({@code & < >}).
 */
final class IncidentMessage {
  static final String ACK = "clarion_ack";
  static final String RESOLVE = "clarion_resolve";
  static final String ESCALATE = "clarion_escalate";
  /** Prefix of the runbook buttons' action ids ({@code clarion_runbook_0}, ...); unique per block. */
  static final String RUNBOOK = "clarion_runbook_";
  /** Slack allows 25 elements in an actions block; three are taken. */
  static final int MAX_RUNBOOK_BUTTONS = 22;

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
    String next = f.getOrDefault("NEXT_ESCALATION", "").strip();
    if (!next.isEmpty() && !status.equals("resolved")) {
      blocks.add(context(c -> c.elements(List.of(markdownText("Next: " + escape(next))))));
    }
    if (!status.equals("resolved")) {
      List<BlockElement> buttons = new ArrayList<>(asElements(
          button(b -> b.actionId(ACK).text(plainText("Acknowledge")).value(id).style("primary")),
          button(b -> b.actionId(RESOLVE).text(plainText("Resolve")).value(id)),
          button(b -> b.actionId(ESCALATE).text(plainText("Escalate now")).value(id)
              .style("danger"))));
      List<String> runbooks = runbooks(f.getOrDefault("RUNBOOKS", ""));
      for (int i = 0; i < runbooks.size() && i < MAX_RUNBOOK_BUTTONS; i++) {
        String runbook = runbooks.get(i);
        String actionId = RUNBOOK + i;
        buttons.add(button(b -> b.actionId(actionId).text(plainText(clip("Run " + runbook, 75)))
            .value(runbook + " " + id)));
      }
      blocks.add(actions(a -> a.blockId("incident_actions_" + id).elements(buttons)));
    }
    return blocks;
  }

  /** Runbook ids that are safe as one word of a command line; anything else is left out. */
  static List<String> runbooks(String field) {
    List<String> ids = new ArrayList<>();
    for (String part : field.split(",")) {
      String runbook = part.strip();
      if (RUNBOOK_ID.matcher(runbook).matches() && !ids.contains(runbook)) {
        ids.add(runbook);
      }
    }
    return ids;
  }

  /** The command a runbook button's value ({@code "<runbook> <incident>"}) stands for, if valid. */
  static java.util.Optional<String> runbookCommand(String value) {
    String[] parts = value == null ? new String[0] : value.strip().split(" ");
    if (parts.length == 2 && RUNBOOK_ID.matcher(parts[0]).matches()
        && parts[1].matches("[0-9]{1,18}")) {
      return java.util.Optional.of("runbook run " + parts[0] + " " + parts[1]);
    }
    return java.util.Optional.empty();
  }

  private static final java.util.regex.Pattern RUNBOOK_ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  /**
   * A timeline entry as a thread reply: {@code *acknowledged* · user:kim via slack} and the entry's
   * text, e.g. "acknowledged by kim".
   */
  static String timelineText(Map<String, String> f) {
    String kind = f.getOrDefault("TIMELINE_KIND", "");
    String actor = f.getOrDefault("TIMELINE_ACTOR", "");
    String text = f.getOrDefault("TIMELINE_TEXT", "");
    String when = f.getOrDefault("TIMELINE_AT", "");
    return clip("*" + escape(kind) + "* · " + escape(actor)
        + (when.isEmpty() ? "" : " · " + escape(when)) + "\n" + escape(text), 3900);
  }

  static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** mrkdwn control characters (Slack's "escaping text" rules). */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
