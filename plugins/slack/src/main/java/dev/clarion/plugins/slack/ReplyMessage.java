package dev.clarion.plugins.slack;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import dev.clarion.api.Commands;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A command's reply as Slack shows it: the text, and when the reply offers follow-ups (a preview's
 * Confirm and Cancel), a row of buttons. A button that runs a command carries a {@link
 * SignedActions} value; a dismissing one ("Cancel") carries nothing and only removes the reply.
 */
final class ReplyMessage {
  /** Prefix of buttons that run an offered command line ({@code clarion_offer_0}, ...). */
  static final String OFFER = "clarion_offer_";
  static final String DISMISS = "clarion_dismiss";
  /** Slack's limit for a section's text. */
  private static final int SECTION_TEXT = 3000;

  private ReplyMessage() {}

  /** Blocks for a reply with buttons; empty when there are none (plain text is enough). */
  static Optional<List<LayoutBlock>> blocks(Commands.Result result, String text,
      SignedActions signer) {
    if (result.actions().isEmpty()) {
      return Optional.empty();
    }
    List<BlockElement> buttons = new ArrayList<>();
    for (int i = 0; i < result.actions().size() && i < 25; i++) {
      Commands.Action action = result.actions().get(i);
      String label = IncidentMessage.clip(action.label(), 75);
      String style = switch (action.style()) {
        case PRIMARY -> "primary";
        case DANGER -> "danger";
        case DEFAULT -> null;
      };
      if (action.dismisses()) {
        buttons.add(button(b -> b.actionId(DISMISS).text(plainText(label)).value("dismiss")
            .style(style)));
        continue;
      }
      Optional<String> value = signer.sign(action.commandLine());
      if (value.isEmpty()) {
        continue; // too long to offer as a button; the text still says what to type
      }
      String actionId = OFFER + i;
      buttons.add(button(b -> b.actionId(actionId).text(plainText(label)).value(value.get())
          .style(style)));
    }
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section(s -> s.text(markdownText(
        IncidentMessage.clip(IncidentMessage.escape(text), SECTION_TEXT)))));
    if (!buttons.isEmpty()) {
      blocks.add(actions(a -> a.blockId("clarion_reply_actions").elements(buttons)));
    }
    return Optional.of(blocks);
  }
}
