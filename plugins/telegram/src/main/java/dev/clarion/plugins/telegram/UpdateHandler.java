package dev.clarion.plugins.telegram;

import dev.clarion.api.ChannelContext;
import dev.clarion.api.Commands;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
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
  private static final Set<String> NOT_YET = Set.of("oncall", "cover", "maint", "link");
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
  private final CallbackData callbacks;
  private final Optional<String> botUsername;
  private final Redraw redraw;
  private final ScheduledExecutorService replies;
  private final Map<Long, Instant> nextReplySlot = new HashMap<>();

  UpdateHandler(TelegramClient client, ChannelContext context, CallbackData callbacks,
      Optional<String> botUsername, Redraw redraw, ScheduledExecutorService replies) {
    this.client = client;
    this.context = context;
    this.callbacks = callbacks;
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
    // Ids are what an admin needs for clarion.yml (user chat identities, subscribed chats).
    log.debug("telegram /{} from user {} in chat {}", parsed.get().name(), userId,
        message.getChatId());
    Commands.Result result =
        context.commands().run(Long.toString(userId), parsed.get().commandLine());
    String reply = text(result, parsed.get().name(), userId);
    long chatId = message.getChatId();
    Runnable send = () -> reply(chatId, reply, REPLY_ATTEMPTS);
    replies.schedule(() -> PluginContextLoader.run(send), replySlot(chatId).toMillis(),
        TimeUnit.MILLISECONDS);
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

  private static String text(Commands.Result result, String command, long userId) {
    if (!result.ok() && "unauthenticated".equals(result.code())) {
      return unlinked(userId);
    }
    if (!result.ok() && NOT_YET.contains(command)
        && result.text().startsWith("unknown command")) {
      return "/" + command + " is not available yet on this Clarion server. Try /help.";
    }
    String text = result.text().isBlank() ? (result.ok() ? "Done." : result.code()) : result.text();
    return text.length() <= IncidentMessage.MAX_LENGTH ? text
        : text.substring(0, IncidentMessage.MAX_LENGTH - 1) + "…";
  }

  private static String unlinked(long userId) {
    return "Your Telegram account (id " + userId + ") is not linked to a Clarion user, so "
        + "nothing was changed. Ask a Clarion admin to add  chat: { telegram: \"" + userId
        + "\" }  to your user in clarion.yml.";
  }

  private void press(CallbackQuery query) {
    MaybeInaccessibleMessage message = query.getMessage();
    long userId = query.getFrom().getId();
    if (message == null) {
      answer(query, "This button cannot be used here.", false);
      return;
    }
    long chatId = message.getChatId();
    Optional<CallbackData.Press> press = callbacks.verify(query.getData(), chatId);
    if (press.isEmpty()) {
      context.count("telegram_callback_rejected");
      answer(query, "This button is not valid.", true);
      return;
    }
    context.count("telegram_callback");
    CallbackData.Action action = press.get().action();
    Commands.Result result = context.commands().run(Long.toString(userId),
        action.command + " " + press.get().incident());
    if (!result.ok() && "unauthenticated".equals(result.code())) {
      answer(query, unlinked(userId), true);
      return;
    }
    if (!result.ok() && action == CallbackData.Action.ESCALATE) {
      answer(query, "Escalate now is not available yet on this Clarion server.", true);
      return;
    }
    answer(query, result.text(), !result.ok());
    if (result.ok() && action != CallbackData.Action.ESCALATE) {
      redraw.redraw(chatId, message.getMessageId(),
          action == CallbackData.Action.ACK ? "acknowledged" : "resolved", result.text());
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
  private void reply(long chatId, String text, int attemptsLeft) {
    try {
      client.execute(SendMessage.builder().chatId(chatId).text(text).build());
    } catch (TelegramApiRequestException e) {
      Integer after = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
      if (Integer.valueOf(429).equals(e.getErrorCode()) && attemptsLeft > 1) {
        Runnable retry = () -> reply(chatId, text, attemptsLeft - 1);
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
