package dev.clarion.plugins.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarion.api.ChannelContext;
import dev.clarion.api.HttpRoutes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * {@code POST /channels/telegram/webhook}: Telegram posts each update here with the secret given
 * to {@code setWebhook} in {@code X-Telegram-Bot-Api-Secret-Token}. A missing or wrong secret is
 * 401 before the body is even parsed, so a stranger cannot press buttons or run commands.
 */
final class WebhookRoute implements HttpRoutes.Handler {
  static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
  private static final ObjectMapper JSON = TelegramChannel.objectMapper();

  private final byte[] secret;
  private final UpdateHandler updates;
  private final ChannelContext context;

  WebhookRoute(String secret, UpdateHandler updates, ChannelContext context) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.updates = updates;
    this.context = context;
  }

  @Override
  public HttpRoutes.Response handle(HttpRoutes.Request request) {
    return PluginContextLoader.call(() -> handleInPluginLoader(request));
  }

  private HttpRoutes.Response handleInPluginLoader(HttpRoutes.Request request) {
    Optional<String> presented = request.header(SECRET_HEADER);
    if (presented.isEmpty()
        || !MessageDigest.isEqual(presented.get().getBytes(StandardCharsets.UTF_8), secret)) {
      context.count("telegram_webhook_rejected");
      return HttpRoutes.Response.json(401,
          "{\"ok\":false,\"error\":\"missing or wrong " + SECRET_HEADER + "\"}");
    }
    Update update;
    try {
      update = JSON.readValue(request.body(), Update.class);
    } catch (IOException e) {
      return HttpRoutes.Response.json(400, "{\"ok\":false,\"error\":\"not a Telegram update\"}");
    }
    // Answered 200 whatever the command's outcome: a non-2xx makes Telegram send it again.
    updates.handle(update);
    return HttpRoutes.Response.json(200, "{\"ok\":true}");
  }
}
