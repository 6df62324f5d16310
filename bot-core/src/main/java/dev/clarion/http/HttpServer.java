package dev.clarion.http;

import dev.clarion.alert.AlertFormat;
import dev.clarion.alert.IngestQuota;
import dev.clarion.alert.IngestWriter;
import dev.clarion.alert.IntegrationDirectory;
import dev.clarion.audit.AuditLog;
import dev.clarion.command.CommandCatalog;
import dev.clarion.http.ingest.WireFormat;
import dev.clarion.incident.IncidentService;
import dev.clarion.maintenance.MaintenanceService;
import dev.clarion.schedule.CalendarFeeds;
import dev.clarion.schedule.ScheduleService;
import dev.clarion.problem.Problem;
import dev.clarion.user.TokenService;
import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clarion's HTTP server. Owns the one place where failures become statuses: a {@link Problem} maps
 * by kind (see {@link ProblemBody}), anything unexpected is a logged 500 — every error body is JSON
 * with a {@code code}, a {@code message} and, when known, the {@code field}.
 */
public final class HttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpServer.class);

  /** Everything the routes delegate to. */
  public record Collaborators(
      IntegrationDirectory integrations,
      IngestQuota quota,
      IngestWriter writer,
      Function<AlertFormat, WireFormat> formats,
      TokenService tokens,
      CommandCatalog catalog,
      IncidentService incidents,
      AuditLog audit,
      IngestMetrics metrics,
      Supplier<Map<String, String>> readiness,
      Clock clock,
      ScheduleService schedules,
      MaintenanceService maintenance,
      CalendarFeeds feeds) {}

  private final Javalin app;

  private HttpServer(Javalin app) {
    this.app = app;
  }

  public static HttpServer start(HttpSettings settings, Collaborators c) {
    return start(settings, c, routes -> {});
  }

  /** {@code more} registers further routes (notifications, plugin endpoints). */
  public static HttpServer start(HttpSettings settings, Collaborators c,
      java.util.function.Consumer<io.javalin.config.RoutesConfig> more) {
    JsonBodies bodies = new JsonBodies(settings.maxBodyBytes());
    IngestRoutes ingest = new IngestRoutes(c.integrations(), c.quota(), c.writer(), c.formats(), bodies,
        c.metrics(), c.audit(), c.clock());
    ApiRoutes api = new ApiRoutes(c.tokens(), c.catalog(), c.incidents(), c.audit(), bodies);
    ScheduleRoutes scheduleRoutes = new ScheduleRoutes(c.schedules(), c.maintenance(), c.feeds(),
        api::invoker, bodies, c.clock());
    Javalin app = Javalin.create(config -> {
      config.jetty.host = settings.host();
      config.jetty.port = settings.port();
      config.http.maxRequestSize = settings.maxBodyBytes();
      config.startup.showJavalinBanner = false;
      config.routes.get("/healthz", ctx -> JsonBodies.send(ctx, 200, Map.of("status", "ok")));
      config.routes.get("/readyz", ctx -> {
        Map<String, String> parts = new LinkedHashMap<>(c.readiness().get());
        boolean ready = "up".equals(parts.get("database")) && "up".equals(parts.get("ingest"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", ready ? "ready" : "not_ready");
        body.putAll(parts);
        JsonBodies.send(ctx, ready ? 200 : 503, body);
      });
      config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
          .result(c.metrics().scrape()));
      if (settings.noopEndpoint()) {
        // Benchmark baseline: the same HTTP stack and body read, no parsing, no database.
        config.routes.post("/noop", ctx -> {
          ctx.bodyAsBytes();
          JsonBodies.send(ctx, 202, Map.of("status", "accepted"));
        });
      }
      ingest.register(config.routes);
      api.register(config.routes);
      scheduleRoutes.register(config.routes);
      more.accept(config.routes);
      config.routes.exception(Problem.class, (problem, ctx) -> {
        int status = ProblemBody.status(problem.kind());
        problem.retryAfter().ifPresent(wait -> ctx.header("Retry-After", retryAfterSeconds(wait)));
        if (ctx.path().startsWith("/integration/")) {
          c.metrics().rejected(ctx.path().split("/")[2], status);
        }
        JsonBodies.send(ctx, status, ProblemBody.envelope(problem));
      });
      // Javalin's own refusals (no such route, wrong method, body too large) get the same JSON shape.
      config.routes.exception(HttpResponseException.class, (e, ctx) ->
          JsonBodies.send(ctx, e.getStatus(), Map.of("error", ProblemBody.of(
              ProblemBody.kindOf(e.getStatus()), java.util.Optional.empty(), e.getMessage()))));
      config.routes.exception(Exception.class, (e, ctx) -> {
        log.error("{} {} failed", ctx.method(), ctx.path(), e);
        JsonBodies.send(ctx, 500, Map.of("error", Map.of("code", "internal",
            "message", "internal error; the server log has the details")));
      });
    });
    app.start();
    log.info("HTTP listening on {}:{}", settings.host(), app.port());
    return new HttpServer(app);
  }

  public int port() {
    return app.port();
  }

  static String retryAfterSeconds(Duration wait) {
    return Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000));
  }

  @Override
  public void close() {
    app.stop();
  }
}
