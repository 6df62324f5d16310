package dev.clarion.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.audit.AuditLog;
import dev.clarion.command.CommandCatalog;
import dev.clarion.command.Invoker;
import dev.clarion.command.Reply;
import dev.clarion.incident.IncidentFilter;
import dev.clarion.incident.IncidentService;
import dev.clarion.incident.IncidentStatus;
import dev.clarion.incident.Urgency;
import dev.clarion.problem.Problem;
import dev.clarion.service.ServiceId;
import dev.clarion.user.TokenService;
import dev.clarion.user.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The REST API under {@code /api/v1}. Every request carries {@code Authorization: Bearer <token>};
 * changes go through the {@link CommandCatalog}, so the API, the CLI and chat share one set of
 * rules, roles and error messages.
 */
final class ApiRoutes {
  private final TokenService tokens;
  private final CommandCatalog catalog;
  private final IncidentService incidents;
  private final AuditLog audit;
  private final JsonBodies bodies;

  ApiRoutes(TokenService tokens, CommandCatalog catalog, IncidentService incidents, AuditLog audit,
      JsonBodies bodies) {
    this.tokens = tokens;
    this.catalog = catalog;
    this.incidents = incidents;
    this.audit = audit;
    this.bodies = bodies;
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/incidents", this::list);
    routes.post("/api/v1/incidents", ctx -> {
      JsonNode body = bodies.read(ctx);
      run(ctx, "incident new", Map.of("service", text(body, "service"), "summary", text(body, "summary")), 201);
    });
    routes.get("/api/v1/incidents/{number}", ctx -> run(ctx, "incident show", number(ctx), 200));
    routes.post("/api/v1/incidents/{number}/ack", ctx -> run(ctx, "incident ack", number(ctx), 200));
    routes.post("/api/v1/incidents/{number}/resolve", ctx -> run(ctx, "incident resolve", number(ctx), 200));
    routes.post("/api/v1/incidents/{number}/escalate", ctx -> run(ctx, "incident escalate", number(ctx), 200));
    routes.post("/api/v1/incidents/{number}/comments", ctx -> {
      JsonNode body = bodies.read(ctx);
      Map<String, String> args = new LinkedHashMap<>(number(ctx));
      args.put("text", text(body, "text"));
      run(ctx, "incident comment", args, 201);
    });
    runbookRoutes(routes);
    routes.get("/api/v1/commands", ctx -> {
      invoker(ctx);
      JsonBodies.send(ctx, 200, Map.of("commands", catalog.commands().stream().map(Views::command).toList()));
    });
    routes.post("/api/v1/commands", ctx -> {
      Invoker invoker = invoker(ctx);
      JsonNode body = bodies.read(ctx);
      String via = body.path("via").asText("api");
      Reply reply = catalog.run(new Invoker(invoker.user(), via.equals("cli") ? "cli" : "api"), text(body, "command"));
      JsonBodies.send(ctx, statusOf(reply, 200), Views.reply(reply));
    });
    routes.get("/api/v1/audit", ctx -> {
      User user = invoker(ctx).user();
      if (!user.role().includes(dev.clarion.user.Role.ADMIN)) {
        throw Problem.forbidden("reading the audit log needs the admin role");
      }
      int limit = intParam(ctx, "limit", 100, 1000);
      var entries = audit.recent(ctx.queryParam("target"), limit).stream().map(e -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", e.at().toString());
        m.put("actor", e.actor());
        m.put("action", e.action());
        m.put("target", e.target());
        m.put("detail", e.detail());
        return m;
      }).toList();
      JsonBodies.send(ctx, 200, Map.of("entries", entries));
    });
  }

  private void list(Context ctx) {
    invoker(ctx);
    Set<IncidentStatus> statuses = new HashSet<>();
    String status = Optional.ofNullable(ctx.queryParam("status")).orElse("all");
    for (String s : status.split(",")) {
      switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "all", "" -> { }
        case "open" -> statuses.addAll(Set.of(IncidentStatus.TRIGGERED, IncidentStatus.ACKNOWLEDGED));
        default -> statuses.add(Arrays.stream(IncidentStatus.values())
            .filter(v -> v.label().equals(s.trim().toLowerCase(Locale.ROOT))).findFirst()
            .orElseThrow(() -> Problem.invalid("status",
                "unknown status '" + s + "' (use open|triggered|acknowledged|resolved|all, comma-separated)")));
      }
    }
    Set<Urgency> urgencies = new HashSet<>();
    Optional.ofNullable(ctx.queryParam("urgency")).ifPresent(u -> {
      for (String s : u.split(",")) {
        urgencies.add(Urgency.parse(s).orElseThrow(() -> Problem.invalid("urgency",
            "unknown urgency '" + s + "' (use " + Urgency.allowedValues() + ")")));
      }
    });
    IncidentFilter filter = new IncidentFilter(
        statuses,
        Optional.ofNullable(ctx.queryParam("service")).filter(s -> !s.isBlank()).map(ServiceId::new),
        urgencies,
        time(ctx, "from"),
        time(ctx, "to"),
        Optional.ofNullable(ctx.queryParam("q")).filter(s -> !s.isBlank()),
        intParam(ctx, "limit", 50, IncidentFilter.MAX_LIMIT));
    var found = incidents.list(filter);
    JsonBodies.send(ctx, 200, Map.of("incidents", found.stream().map(Views::incident).toList(),
        "count", found.size()));
  }

  private void run(Context ctx, String command, Map<String, String> args, int okStatus) {
    Reply reply = catalog.run(invoker(ctx), command, args);
    if (reply instanceof Reply.IncidentReply r) {
      Map<String, Object> body = Views.incidentWithTimeline(r.incident(), r.timeline());
      body.put("next_escalation", r.nextEscalation().map(Views::nextEscalation).orElse(null));
      body.put("headline", r.headline());
      JsonBodies.send(ctx, okStatus, body);
    } else {
      JsonBodies.send(ctx, statusOf(reply, okStatus), Views.reply(reply));
    }
  }

  /** Runbooks over REST: each route is one catalogue command, so rules and replies are the same. */
  private void runbookRoutes(RoutesConfig routes) {
    routes.get("/api/v1/runbooks/runs", ctx -> {
      Map<String, String> args = new LinkedHashMap<>();
      Optional.ofNullable(ctx.queryParam("incident")).ifPresent(i -> args.put("incident", i));
      run(ctx, "runbook runs", args, 200);
    });
    routes.get("/api/v1/runbooks/runs/{run}", ctx ->
        run(ctx, "runbook show-run", Map.of("run", ctx.pathParam("run")), 200));
    routes.post("/api/v1/runbooks/runs/{run}/{action}", ctx -> {
      String action = ctx.pathParam("action");
      if (!Set.of("approve", "deny", "answer", "retry", "cancel").contains(action)) {
        throw Problem.notFound("no run action '" + action
            + "' (approve, deny, answer, retry or cancel)");
      }
      JsonNode body = ctx.body().isBlank() ? JsonBodies.MAPPER.createObjectNode() : bodies.read(ctx);
      Map<String, String> args = new LinkedHashMap<>();
      args.put("run", ctx.pathParam("run"));
      if (action.equals("answer")) {
        args.put("choice", text(body, "choice"));
      }
      if (action.equals("deny") && body.hasNonNull("reason")) {
        args.put("reason", body.path("reason").asText());
      }
      run(ctx, "runbook " + action, args, 200);
    });
    routes.get("/api/v1/runbooks", ctx -> {
      Map<String, String> args = new LinkedHashMap<>();
      Optional.ofNullable(ctx.queryParam("service")).ifPresent(s -> args.put("service", s));
      run(ctx, "runbook list", args, 200);
    });
    routes.get("/api/v1/runbooks/{id}", ctx ->
        run(ctx, "runbook show", Map.of("runbook", ctx.pathParam("id")), 200));
    routes.post("/api/v1/runbooks/{id}/runs", ctx -> {
      JsonNode body = ctx.body().isBlank() ? JsonBodies.MAPPER.createObjectNode() : bodies.read(ctx);
      Map<String, String> args = new LinkedHashMap<>();
      args.put("runbook", ctx.pathParam("id"));
      if (body.hasNonNull("incident")) {
        args.put("incident", body.path("incident").asText());
      }
      StringBuilder options = new StringBuilder();
      JsonNode parameters = body.path("parameters");
      if (!parameters.isMissingNode() && !parameters.isObject()) {
        throw Problem.invalid("parameters", "must be an object of names to values");
      }
      parameters.fields().forEachRemaining(e -> {
        if (e.getKey().contains("=") || e.getValue().asText().contains("\"")) {
          throw Problem.invalid("parameters", "'" + e.getKey() + "' cannot hold '=' or '\"'");
        }
        options.append(options.length() == 0 ? "" : " ").append('"').append(e.getKey()).append('=')
            .append(e.getValue().asText()).append('"');
      });
      args.put("options", options.toString());
      run(ctx, "runbook run", args, 201);
    });
  }

  private static int statusOf(Reply reply, int ok) {
    return reply instanceof Reply.ErrorReply e ? ProblemBody.status(e.kind()) : ok;
  }

  Invoker invoker(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw Problem.unauthenticated("missing bearer token: send 'Authorization: Bearer <token>' (create one with 'clarion token create')");
    }
    return new Invoker(tokens.authenticate(header.substring(7).trim()), "api");
  }

  private static Map<String, String> number(Context ctx) {
    String number = ctx.pathParam("number");
    return Map.of("number", number);
  }

  private static String text(JsonNode body, String field) {
    JsonNode node = body.path(field);
    if (node.isMissingNode() || node.isNull()) {
      throw Problem.invalid(field, "'" + field + "' is required");
    }
    if (!node.isTextual()) {
      throw Problem.invalid(field, "'" + field + "' must be a string, got " + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    return node.asText();
  }

  private static Optional<Instant> time(Context ctx, String name) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(value.trim().replace(' ', '+')).toInstant());
    } catch (DateTimeParseException e) {
      throw Problem.invalid(name, "'" + name + "' must be an ISO-8601 time with offset, e.g. 2026-11-23T03:00:00Z");
    }
  }

  private static int intParam(Context ctx, String name, int defaultValue, int max) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value.trim());
      if (parsed >= 1 && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw Problem.invalid(name, "'" + name + "' must be a whole number from 1 to " + max);
  }

}
