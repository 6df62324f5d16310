package dev.clarion.plugins.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarion.api.Capability;
import dev.clarion.api.ChannelContext;
import dev.clarion.api.ChannelPlugin;
import dev.clarion.api.DeliveryResult;
import dev.clarion.api.IncidentButtons;
import dev.clarion.api.MessageRef;
import dev.clarion.api.OfferedActions;
import dev.clarion.api.Outgoing;
import dev.clarion.api.RateLimits;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.longpolling.util.LongPollingSingleThreadUpdateConsumer;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Telegram as a two-way channel. {@link #deliver} posts (or edits) one incident message with its
 * buttons; presses and commands arrive by long polling (default, no public URL needed) or on our
 * webhook route, and run the command catalogue as the Clarion user the Telegram account belongs
 * to. Telegram's limits (30 messages/s, 1/s per chat) are declared to the core; a 429 becomes
 * {@link DeliveryResult.RetryAfter} with Telegram's {@code retry_after}. The 20-per-minute group
 * limit, which the SPI cannot express per destination, is kept here ({@link GroupPace}).
 */
@Extension
public final class TelegramChannel implements ChannelPlugin {
  private static final Logger log = LoggerFactory.getLogger(TelegramChannel.class);
  /**
   * A little under Telegram's 1 message/s per chat: the core spaces its sends exactly, and
   * network jitter would otherwise let two arrive less than a second apart.
   */
  static final Duration PER_CHAT_SPACING = Duration.ofMillis(1100);
  static final RateLimits LIMITS = new RateLimits(RateLimits.Rate.perSecond(30),
      new RateLimits.Rate(1, PER_CHAT_SPACING));
  /** Used when a 429 comes without {@code retry_after} (it always should). */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);
  private static final int REMEMBERED_MESSAGES = 2_000;

  private volatile ChannelContext context;
  private volatile TelegramSettings settings;
  private volatile TelegramClient client;
  private volatile OkHttpClient http;
  private volatile IncidentButtons callbacks;
  private volatile OfferedActions offers;
  private volatile UpdateHandler updates;
  private volatile TelegramBotsLongPollingApplication polling;
  private volatile ScheduledExecutorService replies;
  private volatile GroupPace groups;
  /** The last message delivered per message ref, so a button press can redraw it at once. */
  private final Map<String, Outgoing> recent = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Outgoing> eldest) {
      return size() > REMEMBERED_MESSAGES;
    }
  };

  @Override
  public String id() {
    return "telegram";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.BUTTONS, Capability.SLASH_COMMANDS, Capability.EDIT_MESSAGE);
  }

  @Override
  public RateLimits rateLimits() {
    return LIMITS;
  }

  @Override
  public void start(ChannelContext context) {
    PluginContextLoader.run(() -> startInPluginLoader(context));
  }

  private void startInPluginLoader(ChannelContext context) {
    this.context = context;
    TelegramSettings s = TelegramSettings.from(context.config());
    this.settings = s;
    TelegramUrl url = telegramUrl(s.apiUrl());
    http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(30)).build();
    client = new OkHttpTelegramClient(http, s.token(), url);
    callbacks = new IncidentButtons(s.callbackKey(), "", 64);
    offers = new OfferedActions(context.clock(), "x:");
    groups = new GroupPace(context.clock());
    replies = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "telegram-replies");
      t.setDaemon(true);
      return t;
    });
    Optional<String> username = s.botUsername().or(this::askUsername);
    registerCommands();
    updates = new UpdateHandler(client, context, callbacks, offers, username, this::redraw,
        replies);
    if (s.mode() == TelegramSettings.Mode.WEBHOOK) {
      context.routes().post("/webhook", new WebhookRoute(s.webhookSecret().orElseThrow(),
          updates, context));
      s.webhookUrl().ifPresent(this::setWebhook);
    } else {
      startPolling(s, url);
    }
  }

  private static TelegramUrl telegramUrl(URI api) {
    int port = api.getPort() > 0 ? api.getPort() : "https".equals(api.getScheme()) ? 443 : 80;
    return new TelegramUrl(api.getScheme(), api.getHost(), port, false);
  }

  private Optional<String> askUsername() {
    try {
      return Optional.ofNullable(client.execute(new GetMe()).getUserName());
    } catch (TelegramApiException e) {
      log.warn("telegram getMe failed ({}); /cmd@anybot is accepted in groups", e.getMessage());
      return Optional.empty();
    }
  }

  private void registerCommands() {
    List<BotCommand> commands = BotCommands.menu(context.commands().catalogue()).stream()
        .map(c -> new BotCommand(c.name(), c.description())).toList();
    try {
      client.execute(SetMyCommands.builder().commands(commands).build());
    } catch (TelegramApiException e) {
      // Commands still work when typed; only the menu is missing.
      log.warn("telegram setMyCommands failed: {}", e.getMessage());
    }
  }

  private void setWebhook(String url) {
    try {
      client.execute(SetWebhook.builder().url(url)
          .secretToken(settings.webhookSecret().orElseThrow()).build());
    } catch (TelegramApiException e) {
      log.warn("telegram setWebhook failed: {}", e.getMessage());
    }
  }

  private void startPolling(TelegramSettings s, TelegramUrl url) {
    try {
      // getUpdates is refused while a webhook is set.
      client.execute(new DeleteWebhook());
    } catch (TelegramApiException e) {
      log.warn("telegram deleteWebhook failed: {}", e.getMessage());
    }
    polling = new TelegramBotsLongPollingApplication(TelegramChannel::objectMapper);
    try {
      polling.registerBot(s.token(), () -> url, new DefaultGetUpdatesGenerator(),
          (LongPollingSingleThreadUpdateConsumer) updates::handle);
    } catch (TelegramApiException e) {
      throw new IllegalStateException("cannot start Telegram long polling: " + e.getMessage(), e);
    }
  }

  /** Jackson for updates: lenient, and resolving classes in this plugin's loader. */
  static ObjectMapper objectMapper() {
    ObjectMapper json = new ObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    json.setTypeFactory(
        json.getTypeFactory().withClassLoader(TelegramChannel.class.getClassLoader()));
    return json;
  }

  @Override
  public DeliveryResult deliver(Outgoing message) {
    return PluginContextLoader.call(() -> deliverInPluginLoader(message));
  }

  private DeliveryResult deliverInPluginLoader(Outgoing message) {
    long chatId;
    try {
      chatId = Long.parseLong(message.destination().strip());
    } catch (NumberFormatException e) {
      return DeliveryResult.permanentFailure("not a Telegram chat id: " + message.destination());
    }
    IncidentMessage.Rendered rendered = IncidentMessage.render(message.fields(), Optional.empty(),
        templates(), message.locale());
    InlineKeyboardMarkup keyboard = keyboard(rendered, message.fields(), chatId);
    try {
      if (message.replaces().isPresent()) {
        Optional<DeliveryResult> edited =
            edit(message.replaces().get(), chatId, rendered.html(), keyboard);
        if (edited.isPresent()) {
          remember(message.replaces().get().value(), message);
          return edited.get();
        }
      }
      Optional<Duration> groupWait = groups.waitFor(chatId);
      if (groupWait.isPresent()) {
        context.count("telegram_group_paced");
        return DeliveryResult.retryAfter(groupWait.get());
      }
      SendMessage send = SendMessage.builder().chatId(chatId).text(rendered.html())
          .parseMode("HTML").replyMarkup(keyboard).build();
      Message sent = client.execute(send);
      groups.sent(chatId);
      String ref = chatId + ":" + sent.getMessageId();
      remember(ref, message);
      context.count("telegram_sent");
      return DeliveryResult.delivered(ref);
    } catch (TelegramApiRequestException e) {
      return failure(e);
    } catch (TelegramApiException e) {
      return DeliveryResult.transientFailure("Telegram unreachable: " + e.getMessage());
    }
  }

  /**
   * Edits the earlier message; empty when it is gone (deleted, too old), so a new one is sent.
   * "Not modified" counts as done: a button press may already have redrawn it.
   */
  private Optional<DeliveryResult> edit(MessageRef ref, long chatId, String html,
      InlineKeyboardMarkup keyboard) throws TelegramApiException {
    Optional<Integer> messageId = messageId(ref, chatId);
    if (messageId.isEmpty()) {
      return Optional.empty();
    }
    try {
      client.execute(EditMessageText.builder().chatId(chatId).messageId(messageId.get())
          .text(html).parseMode("HTML").replyMarkup(keyboard).build());
      context.count("telegram_edited");
      return Optional.of(new DeliveryResult.Delivered(ref));
    } catch (TelegramApiRequestException e) {
      String description = String.valueOf(e.getApiResponse());
      if (Integer.valueOf(400).equals(e.getErrorCode())) {
        if (description.contains("message is not modified")) {
          return Optional.of(new DeliveryResult.Delivered(ref));
        }
        if (description.contains("message to edit not found")
            || description.contains("message can't be edited")) {
          return Optional.empty();
        }
      }
      throw e;
    }
  }

  private static Optional<Integer> messageId(MessageRef ref, long chatId) {
    String[] parts = ref.value().split(":", 2);
    try {
      if (parts.length == 2 && Long.parseLong(parts[0]) == chatId) {
        return Optional.of(Integer.parseInt(parts[1]));
      }
    } catch (NumberFormatException e) {
      // not one of ours: send anew
    }
    return Optional.empty();
  }

  static DeliveryResult failure(TelegramApiRequestException e) {
    Integer code = e.getErrorCode();
    String reason = "Telegram " + code + ": " + e.getApiResponse()
        + (e.getCause() == null ? "" : " (" + e.getCause() + ")");
    if (code == null || code == 0) {
      // No error code: telegrambots could not read Telegram's answer. The message may well have
      // been posted, so retrying risks a duplicate; the dead letter shows the reason.
      return DeliveryResult.permanentFailure(reason);
    }
    if (code == 429) {
      Integer seconds = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
      return DeliveryResult.retryAfter(
          seconds == null ? DEFAULT_RETRY_AFTER : Duration.ofSeconds(Math.max(0, seconds)));
    }
    if (code >= 500) {
      return DeliveryResult.transientFailure(reason);
    }
    // 400 bad request, 401 bad token, 403 blocked by the user or kicked from the group, 404:
    // retrying cannot help.
    return DeliveryResult.permanentFailure(reason);
  }

  /**
   * The incident's buttons (Acknowledge, Resolve, Escalate now) in one row and its runbooks'
   * "Run <id>" buttons in a second; null when there are none (the keyboard goes). A runbook id too
   * long for signed callback data gets no button (and a log line).
   */
  InlineKeyboardMarkup keyboard(IncidentMessage.Rendered rendered, Map<String, String> fields,
      long chatId) {
    long incident;
    try {
      incident = Long.parseLong(fields.getOrDefault("INCIDENT_ID", ""));
    } catch (NumberFormatException e) {
      return null;
    }
    List<InlineKeyboardRow> rows = new ArrayList<>();
    if (!rendered.buttons().isEmpty()) {
      List<InlineKeyboardButton> row = new ArrayList<>();
      for (IncidentButtons.Action action : rendered.buttons()) {
        row.add(InlineKeyboardButton.builder().text(action.label())
            .callbackData(callbacks.sign(action, incident, Long.toString(chatId))).build());
      }
      rows.add(new InlineKeyboardRow(row));
    }
    if (!rendered.runbooks().isEmpty()) {
      List<InlineKeyboardButton> row = new ArrayList<>();
      for (String runbook : rendered.runbooks()) {
        Optional<String> data = callbacks.signRunbook(runbook, incident, Long.toString(chatId));
        if (data.isEmpty()) {
          // An incident button must survive a restart, so it is signed, never kept in memory.
          log.info("telegram: runbook id '{}' is too long for a signed button; use /runbook",
              runbook);
          continue;
        }
        row.add(InlineKeyboardButton.builder().text("Run " + runbook).callbackData(data.get())
            .build());
      }
      if (!row.isEmpty()) {
        rows.add(new InlineKeyboardRow(row));
      }
    }
    return rows.isEmpty() ? null : new InlineKeyboardMarkup(rows);
  }

  private void remember(String ref, Outgoing message) {
    synchronized (recent) {
      recent.put(ref, message);
    }
  }

  /**
   * Redraws a message right after a press changed its incident (the core's own update follows
   * and usually finds nothing to change). Needs the fields from the last delivery; after a
   * restart it has none and leaves the redraw to the core.
   */
  void redraw(long chatId, int messageId, String newStatus, String note) {
    Outgoing last;
    synchronized (recent) {
      last = recent.get(chatId + ":" + messageId);
    }
    if (last == null) {
      return;
    }
    Map<String, String> fields = new LinkedHashMap<>(last.fields());
    fields.put("STATUS", newStatus);
    IncidentMessage.Rendered rendered = IncidentMessage.render(fields, Optional.of(note),
        templates(), last.locale());
    try {
      edit(new MessageRef(chatId + ":" + messageId), chatId, rendered.html(),
          keyboard(rendered, fields, chatId));
    } catch (TelegramApiException e) {
      log.info("telegram redraw of {}:{} failed: {}", chatId, messageId, e.getMessage());
    }
  }

  /** The core's templates; null when the context has none (the built-in rendering is used). */
  private dev.clarion.api.Templates templates() {
    try {
      return context.templates();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** Posts a webhook update body to the handler: for the webhook route, and tests. */
  UpdateHandler updates() {
    return updates;
  }

  @Override
  public void stop() {
    if (polling != null) {
      try {
        polling.close();
      } catch (Exception e) {
        log.warn("stopping Telegram long polling failed: {}", e.toString());
      }
    }
    if (replies != null) {
      replies.shutdownNow();
      try {
        replies.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (http != null) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
