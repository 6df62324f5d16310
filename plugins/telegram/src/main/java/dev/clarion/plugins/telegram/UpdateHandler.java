package dev.clarion.plugins.telegram;

import dev.clarion.api.ChannelContext;
import dev.clarion.api.Commands;
import dev.clarion.api.IncidentButtons;
import dev.clarion.api.OfferedActions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * What happens when someone talks to the bot: a command runs the catalogue and gets a reply in
 * the same chat; a button press is verified, runs the catalogue, stops the button's spinner
 * ({@code answerCallbackQuery}) and redraws the message. Either way the Telegram account must
 * belong to a Clarion user, or nothing changes and the person is told why.
 */
final class UpdateHandler {
  private static final Logger log = LoggerFactory.getLogger(UpdateHandler.class);
  /** Telegram's limit for a callback answer's text. */
  private static final int ANSWER_LIMIT = 200;
  private static final int REPLY_ATTEMPTS = 5;
  /** Replies to one chat are spaced like the core spaces deliveries (Telegram: ~1/s per chat). */
  private static final Duration REPLY_SPACING = TelegramChannel.PER_CHAT_SPACING;

  /** Redraws a message after a press changed its incident's status. */
  @FunctionalInterface
  interface Redraw {
    void redraw(long chatId, int messageId, String newStatus, String note);
  }

  private final TelegramClient client;
  private final ChannelContext context;
  private final IncidentButtons callbacks;
  private final OfferedActions offers;
  private final Optional<String> botUsername;
  private final Redraw redraw;
  private final ScheduledExecutorService replies;
  private final Map<Long, Instant> nextReplySlot = new HashMap<>();

  UpdateHandler(TelegramClient client, ChannelContext context, IncidentButtons callbacks,
      OfferedActions offers, Optional<String> botUsername, Redraw redraw,
      ScheduledExecutorService replies) {
    this.client = client;
    this.context = context;
    this.callbacks = callbacks;
    this.offers = offers;
    this.botUsername = botUsername;
    this.redraw = redraw;
    this.replies = replies;
  }

  void handle(Update update) {
    PluginContextLoader.run(() -> handleInPluginLoader(update));
  }

  private void handleInPluginLoader(Update update) {
    try {
      if (update.hasCallbackQuery()) {
        press(update.getCallbackQuery());
      } else if (update.hasMessage() && update.getMessage().hasText()) {
        command(update.getMessage());
      }
    } catch (RuntimeException e) {
      // One bad update must not stop the others (long polling would retry it forever).
      log.warn("telegram update {} failed: {}", update.getUpdateId(), e.toString());
    }
  }

  private void command(Message message) {
    Optional<BotCommands.Parsed> parsed = BotCommands.parse(message.getText(), botUsername);
    if (parsed.isEmpty() || message.getFrom() == null) {
      return;
    }
    context.count("telegram_command");
    long userId = message.getFrom().getId();
    long chatId = message.getChatId();
    // Ids are what an admin needs for clarion.yml (user chat identities, subscribed chats).
    log.debug("telegram /{} from user {} in chat {}", parsed.get().name(), userId, chatId);
    if (parsed.get().name().equals(BotCommands.LINK)) {
      link(message, userId, parsed.get().args());
      return;
    }
    Commands.Result result =
        context.commands().run(Long.toString(userId), parsed.get().commandLine());
    String reply = text(result, userId);
    // A reply's actions (a preview's Confirm and Cancel) become its inline keyboard.
    InlineKeyboardMarkup keyboard = result.ok() ? keyboard(chatId, result.actions()) : null;
    sendLater(chatId, reply, keyboard);
  }

  /**
   * {@code /link CODE}: only in a private chat, where nobody else sees the code. In a group the
   * code is refused unread (someone else could use it first) and the person is told to send it
   * privately.
   */
  private void link(Message message, long userId, String code) {
    long chatId = message.getChatId();
    if (!"private".equals(message.getChat() == null ? "" : message.getChat().getType())) {
      context.count("telegram_link_in_group");
      sendLater(chatId, "Please send /link CODE to me privately (open a chat with me), not in"
          + " a group: anyone here could use the code. Ask for a new code if it was posted.",
          null);
      return;
    }
    if (code.isBlank()) {
      sendLater(chatId, "Send /link CODE with the code from 'clarion user link <you> --channel"
          + " telegram'. Your Telegram id is " + userId + ".", null);
      return;
    }
    context.count("telegram_link");
    Commands.Result result = context.commands().link(Long.toString(userId), code);
    sendLater(chatId, result.text().isBlank() ? result.code() : result.text(), null);
  }

  private void sendLater(long chatId, String text, InlineKeyboardMarkup keyboard) {
    Runnable send = () -> reply(chatId, text, keyboard, REPLY_ATTEMPTS);
    replies.schedule(() -> PluginContextLoader.run(send), replySlot(chatId).toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** The reply's actions as one row of buttons whose data points at the offered lines. */
  private InlineKeyboardMarkup keyboard(long chatId, List<Commands.Action> actions) {
    if (actions.isEmpty()) {
      return null;
    }
    List<String> data = offers.offer(Long.toString(chatId), actions);
    List<InlineKeyboardButton> row = new ArrayList<>();
    for (int i = 0; i < actions.size(); i++) {
      row.add(InlineKeyboardButton.builder().text(actions.get(i).label())
          .callbackData(data.get(i)).build());
    }
    return new InlineKeyboardMarkup(List.of(new InlineKeyboardRow(row)));
  }

  /** How long to wait before the next reply to this chat, reserving its slot. */
  private synchronized Duration replySlot(long chatId) {
    Instant now = context.clock().instant();
    Instant slot = nextReplySlot.getOrDefault(chatId, now);
    if (slot.isBefore(now)) {
      slot = now;
    }
    nextReplySlot.put(chatId, slot.plus(REPLY_SPACING));
    return Duration.between(now, slot);
  }

  private static String text(Commands.Result result, long userId) {
    if (!result.ok() && "unauthenticated".equals(result.code())) {
      return unlinked(userId);
    }
    String text = result.text().isBlank() ? (result.ok() ? "Done." : result.code()) : result.text();
    return text.length() <= IncidentMessage.MAX_LENGTH ? text
        : text.substring(0, IncidentMessage.MAX_LENGTH - 1) + "…";
  }

  private static String unlinked(long userId) {
    return "Your Telegram account (id " + userId + ") is not linked to a Clarion user, so "
        + "nothing was changed. Ask a Clarion admin for a link code ('clarion user link <you>"
        + " --channel telegram') and send /link CODE to me privately, or to add  chat: {"
        + " telegram: \"" + userId + "\" }  to your user in clarion.yml.";
  }

  private void press(CallbackQuery query) {
    MaybeInaccessibleMessage message = query.getMessage();
    long userId = query.getFrom().getId();
    if (message == null) {
      answer(query, "This button cannot be used here.", false);
      return;
    }
    long chatId = message.getChatId();
    if (offers.isOffer(query.getData())) {
      pressOffer(query, message, userId, chatId);
      return;
    }
    Optional<IncidentButtons.Press> press = callbacks.verify(query.getData(), Long.toString(chatId));
    if (press.isEmpty()) {
      context.count("telegram_callback_rejected");
      answer(query, "This button is not valid.", true);
      return;
    }
    context.count("telegram_callback");
    IncidentButtons.Action action = press.get().action();
    Commands.Result result =
        context.commands().run(Long.toString(userId), press.get().commandLine());
    if (!result.ok() && "unauthenticated".equals(result.code())) {
      answer(query, unlinked(userId), true);
      return;
    }
    answer(query, result.text(), !result.ok());
    if (result.ok() && action == IncidentButtons.Action.RUNBOOK) {
      // A runbook's outcome is news for the whole chat, not only for the presser's toast.
      sendLater(chatId, text(result, userId), null);
    }
    if (result.ok() && (action == IncidentButtons.Action.ACK
        || action == IncidentButtons.Action.RESOLVE)) {
      redraw.redraw(chatId, message.getMessageId(),
          action == IncidentButtons.Action.ACK ? "acknowledged" : "resolved", result.text());
    }
  }

  /**
   * A reply's button (Confirm/Cancel): runs exactly the offered line as the presser, then the
   * reply shows the outcome and loses its keyboard. Cancel only removes the keyboard. A refused
   * press keeps the buttons for someone who may.
   */
  private void pressOffer(CallbackQuery query, MaybeInaccessibleMessage message, long userId,
      long chatId) {
    Optional<OfferedActions.Taken> taken = offers.take(query.getData(), Long.toString(chatId));
    if (taken.isEmpty()) {
      context.count("telegram_offer_expired");
      answer(query, "This button has expired or was already used; run the command again.", true);
      return;
    }
    Commands.Action action = taken.get().action();
    if (action.dismisses()) {
      context.count("telegram_offer_dismissed");
      answer(query, "Cancelled.", false);
      replaceReply(chatId, message.getMessageId(), "Cancelled.");
      return;
    }
    Commands.Result result = context.commands().run(Long.toString(userId), action.commandLine());
    context.count("telegram_offer_" + (result.ok() ? "ok" : result.code()));
    if (!result.ok()) {
      taken.get().giveBack().run();
      answer(query, text(result, userId), true);
      return;
    }
    answer(query, result.text(), false);
    replaceReply(chatId, message.getMessageId(), text(result, userId));
  }

  /** Replaces a command reply's text (plain, as sent) and removes its keyboard. */
  private void replaceReply(long chatId, int messageId, String text) {
    try {
      client.execute(EditMessageText.builder().chatId(chatId).messageId(messageId)
          .text(text.isBlank() ? "Done." : text).build());
    } catch (TelegramApiException e) {
      log.info("telegram edit of reply {}:{} failed: {}", chatId, messageId, e.getMessage());
    }
  }

  private void answer(CallbackQuery query, String text, boolean alert) {
    String shown =
        text.length() <= ANSWER_LIMIT ? text : text.substring(0, ANSWER_LIMIT - 1) + "…";
    try {
      client.execute(AnswerCallbackQuery.builder().callbackQueryId(query.getId()).text(shown)
          .showAlert(alert).build());
    } catch (TelegramApiException e) {
      log.info("telegram answerCallbackQuery failed: {}", e.getMessage());
    }
  }

  /**
   * Sends a plain-text reply (on the replies thread); a 429, e.g. when a page went to the same
   * chat just now, is retried after Telegram's retry_after, a few times.
   */
  private void reply(long chatId, String text, InlineKeyboardMarkup keyboard, int attemptsLeft) {
    try {
      client.execute(SendMessage.builder().chatId(chatId).text(text).replyMarkup(keyboard)
          .build());
    } catch (TelegramApiRequestException e) {
      Integer after = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
      if (Integer.valueOf(429).equals(e.getErrorCode()) && attemptsLeft > 1) {
        Runnable retry = () -> reply(chatId, text, keyboard, attemptsLeft - 1);
        replies.schedule(() -> PluginContextLoader.run(retry), after == null ? 1 : after,
            TimeUnit.SECONDS);
      } else {
        log.info("telegram reply to {} failed: {}", chatId, e.getMessage());
      }
    } catch (TelegramApiException e) {
      log.info("telegram reply to {} failed: {}", chatId, e.getMessage());
    }
  }
}
