package dev.clarion.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.audit.Actor;
import dev.clarion.problem.Problem;
import dev.clarion.user.ChatLinks;
import dev.clarion.user.Role;
import dev.clarion.user.TokenService;
import dev.clarion.user.User;
import dev.clarion.user.UserId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/v1/users/{id}/link-codes {"channel": "telegram"}} → 201
 * {@code {code, channel, user, expires_at}}: a one-time code that links a chat account to the
 * user. Admins make codes for anyone; everyone else only for themselves.
 */
public final class LinkCodeRoutes {
  private final TokenService tokens;
  private final ChatLinks links;
  private final JsonBodies bodies;

  public LinkCodeRoutes(TokenService tokens, ChatLinks links, long maxBodyBytes) {
    this.tokens = tokens;
    this.links = links;
    this.bodies = new JsonBodies(maxBodyBytes);
  }

  public void register(RoutesConfig routes) {
    routes.post("/api/v1/users/{id}/link-codes", this::create);
  }

  private void create(Context ctx) {
    User caller = caller(ctx);
    UserId user = new UserId(ctx.pathParam("id"));
    if (!caller.id().equals(user) && !caller.role().includes(Role.ADMIN)) {
      throw Problem.forbidden("making a link code for another user needs the admin role; "
          + caller.id() + " is a " + caller.role().label());
    }
    JsonNode body = bodies.read(ctx);
    JsonNode channel = body.path("channel");
    if (!channel.isTextual() || channel.asText().isBlank()) {
      throw Problem.invalid("channel", "'channel' is required, e.g. \"telegram\"");
    }
    ChatLinks.Created created =
        links.createCode(user, channel.asText(), Actor.user(caller.id().value(), "api"));
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("code", created.code());
    view.put("channel", created.channel());
    view.put("user", created.user().value());
    view.put("expires_at", created.expiresAt().toString());
    JsonBodies.send(ctx, 201, view);
  }

  private User caller(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw Problem.unauthenticated("missing bearer token: send 'Authorization: Bearer <token>'"
          + " (create one with 'clarion token create')");
    }
    return tokens.authenticate(header.substring(7).trim());
  }
}
