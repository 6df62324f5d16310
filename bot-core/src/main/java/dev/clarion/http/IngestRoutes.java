package dev.clarion.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.alert.AlertEvent;
import dev.clarion.alert.AlertFormat;
import dev.clarion.alert.IngestOutcome;
import dev.clarion.alert.IngestQuota;
import dev.clarion.alert.IngestWriter;
import dev.clarion.alert.Integration;
import dev.clarion.alert.IntegrationDirectory;
import dev.clarion.audit.Actor;
import dev.clarion.audit.AuditLog;
import dev.clarion.http.ingest.CloudWatchFormat;
import dev.clarion.http.ingest.WireFormat;
import dev.clarion.problem.Problem;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest endpoints. Each request is authenticated by its integration key, size-checked, parsed
 * by its {@link WireFormat}, charged against the integration's quota, and handed to the {@link
 * IngestWriter}; the 202 is written only after the writer committed it.
 */
final class IngestRoutes {
  private static final Logger log = LoggerFactory.getLogger(IngestRoutes.class);
  private static final long COMMIT_TIMEOUT_SECONDS = 30;

  private final IntegrationDirectory integrations;
  private final IngestQuota quota;
  private final IngestWriter writer;
  private final Function<AlertFormat, WireFormat> formats;
  private final JsonBodies bodies;
  private final IngestMetrics metrics;
  private final AuditLog audit;
  private final Clock clock;
  private final java.net.http.HttpClient snsClient = java.net.http.HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();

  IngestRoutes(IntegrationDirectory integrations, IngestQuota quota, IngestWriter writer,
      Function<AlertFormat, WireFormat> formats, JsonBodies bodies, IngestMetrics metrics,
      AuditLog audit, Clock clock) {
    this.integrations = integrations;
    this.quota = quota;
    this.writer = writer;
    this.formats = formats;
    this.bodies = bodies;
    this.metrics = metrics;
    this.audit = audit;
    this.clock = clock;
  }

  void register(RoutesConfig routes) {
    routes.post("/integration/standard/v1/{apiKey}", ctx -> keyed(ctx, AlertFormat.STANDARD));
    routes.post("/integration/alertmanager/{apiKey}", ctx -> keyed(ctx, AlertFormat.ALERTMANAGER));
    routes.post("/integration/grafana/{apiKey}", ctx -> keyed(ctx, AlertFormat.GRAFANA));
    routes.post("/integration/cloudwatch/{apiKey}", ctx -> keyed(ctx, AlertFormat.CLOUDWATCH));
    routes.post("/v2/enqueue", this::pagerDuty);
  }

  private void keyed(Context ctx, AlertFormat format) {
    long started = System.nanoTime();
    Integration integration = integration(ctx.pathParam("apiKey"), format);
    JsonNode body = bodies.read(ctx);
    if (format == AlertFormat.CLOUDWATCH) {
      var subscribeUrl = CloudWatchFormat.subscribeUrl(body);
      if (subscribeUrl.isPresent()) {
        confirmSubscription(ctx, integration, body, subscribeUrl.get());
        return;
      }
    }
    List<IngestOutcome> outcomes = accept(integration, formats.apply(format).parse(body, integration));
    metrics.latency(format.label(), Duration.ofNanos(System.nanoTime() - started));
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("status", "accepted");
    if (outcomes.size() == 1) {
      response.putAll(outcome(outcomes.get(0)));
    }
    response.put("results", outcomes.stream().map(IngestRoutes::outcome).toList());
    JsonBodies.send(ctx, 202, response);
  }

  /**
   * PagerDuty Events API v2: the key travels in the body, and responses use PagerDuty's shapes
   * ({@code status}/{@code message}/{@code dedup_key}, errors as a list) so existing senders work.
   */
  private void pagerDuty(Context ctx) {
    long started = System.nanoTime();
    try {
      JsonNode body = bodies.read(ctx);
      JsonNode key = body.path("routing_key");
      if (!key.isTextual() || key.asText().isBlank()) {
        throw Problem.invalid("routing_key", "'routing_key' is missing or not a string");
      }
      Integration integration = integration(key.asText(), AlertFormat.PAGERDUTY);
      List<IngestOutcome> outcomes = accept(integration, formats.apply(AlertFormat.PAGERDUTY).parse(body, integration));
      metrics.latency("pagerduty", Duration.ofNanos(System.nanoTime() - started));
      JsonBodies.send(ctx, 202, Map.of(
          "status", "success", "message", "Event processed", "dedup_key", outcomes.get(0).dedupKey()));
    } catch (Problem problem) {
      int status = ProblemBody.status(problem.kind());
      metrics.rejected("pagerduty", status);
      problem.retryAfter().ifPresent(wait -> ctx.header("Retry-After", HttpServer.retryAfterSeconds(wait)));
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", status == 429 ? "throttle event" : status == 400 ? "invalid event" : "error");
      body.put("message", status == 400 ? "Event object is invalid" : problem.getMessage());
      body.put("errors", List.of(problem.getMessage()));
      problem.field().ifPresent(f -> body.put("field", f));
      JsonBodies.send(ctx, status, body);
    }
  }

  private Integration integration(String key, AlertFormat format) {
    Integration integration = integrations.findByKey(key)
        .orElseThrow(() -> Problem.notFound("no integration has this key"));
    if (integration.format() != format) {
      throw Problem.notFound("no " + format.label() + " integration has this key (it belongs to a "
          + integration.format().label() + " integration)");
    }
    return integration;
  }

  private List<IngestOutcome> accept(Integration integration, List<AlertEvent> events) {
    if (events.isEmpty()) {
      return List.of();
    }
    Duration wait = quota.take(integration, events.size());
    if (!wait.isZero()) {
      long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
      throw Problem.rateLimited("integration '" + integration.id() + "' is over its rate limit of "
          + integration.rate().perSecond() + " alerts/s (burst " + integration.rate().burst()
          + "); retry after " + seconds + " s", wait);
    }
    try {
      List<IngestOutcome> outcomes = writer.submit(events).get(COMMIT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      outcomes.forEach(o -> metrics.accepted(integration.format(), o.result()));
      return outcomes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Problem.of(Problem.Kind.UNAVAILABLE, "interrupted while storing the alert; retry");
    } catch (TimeoutException e) {
      throw Problem.of(Problem.Kind.UNAVAILABLE, "storing the alert took over " + COMMIT_TIMEOUT_SECONDS + " s; retry");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Problem problem) {
        throw problem;
      }
      log.error("alert from {} could not be stored", integration.id(), e.getCause());
      throw Problem.of(Problem.Kind.UNAVAILABLE, "the alert could not be stored; retry");
    }
  }

  private void confirmSubscription(Context ctx, Integration integration, JsonNode body, String url) {
    String topic = body.path("TopicArn").asText("");
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("topic_arn", topic);
    response.put("subscribe_url", url);
    String detail;
    if (!integration.autoConfirmSubscriptions()) {
      log.warn("SNS subscription for integration '{}' (topic {}) awaits confirmation: open {}",
          integration.id(), topic, url);
      detail = "topic " + topic + "; confirm by opening " + url;
      response.put("status", "subscription_pending");
      response.put("message", "Open subscribe_url to confirm the SNS subscription (also in the audit "
          + "log), or set auto_confirm_subscriptions: true on the integration.");
    } else if (!isAwsSnsUrl(url)) {
      log.warn("refused to auto-confirm SNS subscription for '{}': {} is not an https SNS URL",
          integration.id(), url);
      detail = "topic " + topic + "; auto-confirm refused, not an https://sns.<region>.amazonaws.com URL: " + url;
      response.put("status", "subscription_refused");
      response.put("message", "auto-confirm only opens https://sns.<region>.amazonaws.com URLs");
    } else {
      snsClient.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).GET()
              .timeout(Duration.ofSeconds(10)).build(), java.net.http.HttpResponse.BodyHandlers.discarding())
          .whenComplete((r, e) -> log.info("SNS subscription confirmation for '{}': {}", integration.id(),
              e == null ? "HTTP " + r.statusCode() : e.toString()));
      detail = "topic " + topic + "; auto-confirming via " + url;
      response.put("status", "subscription_confirming");
      response.put("message", "Clarion is confirming the subscription (auto_confirm_subscriptions).");
    }
    audit.record(clock.instant(), Actor.integration(integration.id().value()), "sns.subscription",
        "integration:" + integration.id(), detail);
    JsonBodies.send(ctx, 200, response);
  }

  /** Only AWS's own SNS endpoints, over https: auto-confirm must not become a way to make Clarion fetch any URL. */
  static boolean isAwsSnsUrl(String url) {
    try {
      java.net.URI uri = java.net.URI.create(url);
      String host = uri.getHost();
      return "https".equals(uri.getScheme()) && host != null
          && host.matches("sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?") && uri.getPort() == -1;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Map<String, Object> outcome(IngestOutcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("result", o.result().label());
    o.incident().ifPresent(id -> m.put("incident", id.value()));
    m.put("dedup_key", o.dedupKey());
    return m;
  }
}
