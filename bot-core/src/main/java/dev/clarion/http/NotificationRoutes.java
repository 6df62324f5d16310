package dev.clarion.http;

import dev.clarion.api.ChannelPlugin;
import dev.clarion.api.DeliveryResult;
import dev.clarion.api.HttpRoutes;
import dev.clarion.notification.LinkActions;
import dev.clarion.notification.Notification;
import dev.clarion.notification.NotificationStore;
import dev.clarion.notification.SignedLinks;
import dev.clarion.plugin.HostContext;
import dev.clarion.plugin.LoadedPlugin;
import dev.clarion.problem.Problem;
import dev.clarion.user.Role;
import dev.clarion.user.TokenService;
import dev.clarion.user.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Routes of the notification feature: one-click links ({@code /links/<token>}: 401 forged or
 * altered, 410 expired), dead letters, channel plugins, webhook preview and test sends, and the
 * routes plugins mounted under {@code /channels/<id>/}.
 */
public final class NotificationRoutes {
  /** Renders a webhook's body for a sample incident, or sends it; empty when no such webhook. */
  public interface Webhooks {
    String preview(String webhookId);

    DeliveryResult sendTest(String webhookId);
  }

  private final TokenService tokens;
  private final LinkActions links;
  private final NotificationStore store;
  private final Supplier<List<LoadedPlugin>> plugins;
  private final Webhooks webhooks;
  private final List<HostContext.Route> pluginRoutes;

  public NotificationRoutes(TokenService tokens, LinkActions links, NotificationStore store,
      Supplier<List<LoadedPlugin>> plugins, Webhooks webhooks,
      List<HostContext.Route> pluginRoutes) {
    this.tokens = tokens;
    this.links = links;
    this.store = store;
    this.plugins = plugins;
    this.webhooks = webhooks;
    this.pluginRoutes = pluginRoutes;
  }

  public void register(RoutesConfig routes) {
    routes.get("/links/{token}", this::follow);
    routes.get("/api/v1/notifications/dead", ctx -> {
      user(ctx);
      List<Map<String, Object>> rows = store.dead(200).stream().map(NotificationRoutes::view)
          .toList();
      JsonBodies.send(ctx, 200, Map.of("dead_letters", rows));
    });
    routes.get("/api/v1/plugins", ctx -> {
      user(ctx);
      JsonBodies.send(ctx, 200, Map.of("plugins", plugins.get().stream().map(p -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("origin", p.origin());
        m.put("version", p.version());
        m.put("capabilities", p.capabilities().stream().map(Enum::name).sorted().toList());
        m.put("status", p.ok() ? "loaded" : "skipped");
        p.problem().ifPresent(problem -> m.put("problem", problem));
        return m;
      }).toList()));
    });
    routes.post("/api/v1/webhooks/{id}/preview", ctx -> {
      user(ctx);
      JsonBodies.send(ctx, 200, Map.of("webhook", ctx.pathParam("id"),
          "body", webhooks.preview(ctx.pathParam("id"))));
    });
    routes.post("/api/v1/webhooks/{id}/test", ctx -> {
      User user = user(ctx);
      if (!user.role().includes(Role.ADMIN)) {
        throw Problem.forbidden("sending a test notification needs the admin role");
      }
      DeliveryResult result = webhooks.sendTest(ctx.pathParam("id"));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("webhook", ctx.pathParam("id"));
      if (result instanceof DeliveryResult.Delivered d) {
        body.put("result", "delivered");
        body.put("ref", d.ref().value());
      } else if (result instanceof DeliveryResult.RetryAfter r) {
        body.put("result", "rate_limited");
        body.put("retry_after_seconds", r.delay().toSeconds());
      } else if (result instanceof DeliveryResult.Failed f) {
        body.put("result", f.permanent() ? "refused" : "failed");
        body.put("reason", f.reason());
      }
      JsonBodies.send(ctx, 200, body);
    });
    for (HostContext.Route route : pluginRoutes) {
      io.javalin.http.Handler handler = ctx -> answer(ctx, route.handler());
      if (route.method().equals("POST")) {
        routes.post(route.path(), handler);
      } else {
        routes.get(route.path(), handler);
      }
    }
  }

  /**
   * Chat platforms and mail scanners fetch links to preview them; such a fetch must not acknowledge
   * anything. Their documented user agents get a page that says what the link does.
   */
  private static final List<String> PREVIEWERS = List.of("slackbot", "discordbot", "telegrambot",
      "twitterbot", "facebookexternalhit", "linkedinbot", "whatsapp", "skypeuripreview",
      "microsoftpreview", "googleimageproxy");

  static boolean isPreviewer(String userAgent) {
    String ua = userAgent == null ? "" : userAgent.toLowerCase(java.util.Locale.ROOT);
    return PREVIEWERS.stream().anyMatch(ua::contains);
  }

  private void follow(Context ctx) {
    if (isPreviewer(ctx.header("User-Agent"))) {
      page(ctx, 200, "Clarion one-click link", "Open this link to carry out its action.");
      return;
    }
    try {
      LinkActions.Outcome outcome = links.follow(ctx.pathParam("token"));
      page(ctx, 200, outcome.message(), outcome.incident().summary());
    } catch (SignedLinks.Refused refused) {
      boolean expired = refused.reason() == SignedLinks.Refused.Reason.EXPIRED;
      page(ctx, expired ? 410 : 401, expired ? "This link has expired" : "This link is not valid",
          refused.getMessage() + ". Nothing was changed.");
    }
  }

  private static void page(Context ctx, int status, String title, String text) {
    ctx.status(status).contentType("text/html; charset=utf-8").result(
        "<!doctype html><meta charset=utf-8><title>Clarion</title><h1>" + html(title) + "</h1><p>"
            + html(text) + "</p>");
  }

  private static String html(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static void answer(Context ctx, HttpRoutes.Handler handler) {
    Map<String, String> headers = new HashMap<>();
    ctx.headerMap().forEach(headers::put);
    Map<String, String> query = new HashMap<>();
    ctx.queryParamMap().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
    HttpRoutes.Response response =
        handler.handle(new HttpRoutes.Request(ctx.path(), headers, query, ctx.bodyAsBytes()));
    ctx.status(response.status()).contentType(response.contentType()).result(response.body());
  }

  private User user(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw Problem.unauthenticated("missing bearer token: send 'Authorization: Bearer <token>'");
    }
    return tokens.authenticate(header.substring(7).trim());
  }

  static Map<String, Object> view(Notification n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", n.id().value());
    m.put("incident", n.incident().value());
    m.put("channel", n.channel());
    m.put("destination", n.destination());
    m.put("event", n.event());
    m.put("status", n.status().name().toLowerCase());
    m.put("attempts", n.attempts());
    m.put("throttles", n.throttles());
    m.put("created_at", n.createdAt().toString());
    n.lastError().ifPresent(e -> m.put("last_error", e));
    return m;
  }

}
