package dev.clarion.plugins.webhook;

import dev.clarion.api.Capability;
import dev.clarion.api.ChannelContext;
import dev.clarion.api.ChannelPlugin;
import dev.clarion.api.DeliveryResult;
import dev.clarion.api.Outgoing;
import dev.clarion.api.RateLimits;
import dev.clarion.api.Templates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Sends each notification as one HTTP request to the webhook's URL, with the body template rendered
 * from the message fields. No edits (a webhook has no message to edit); ack and resolve come back
 * through the signed links in the fields.
 */
@Extension
public final class WebhookChannel implements ChannelPlugin {
  /** Without a Retry-After header, a 429 pauses the destination this long. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private volatile ChannelContext context;
  private volatile Map<String, Webhook> webhooks = Map.of();
  private volatile RateLimits limits =
      new RateLimits(RateLimits.Rate.perSecond(50), RateLimits.Rate.perSecond(10));

  @Override
  public String id() {
    return "webhook";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of();
  }

  @Override
  public RateLimits rateLimits() {
    return limits;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void start(ChannelContext context) {
    this.context = context;
    Map<String, Webhook> byId = new LinkedHashMap<>();
    for (Object item : (List<Object>) context.config().getOrDefault("webhooks", List.of())) {
      Webhook w = Webhook.from((Map<String, Object>) item);
      byId.put(w.id(), w);
    }
    webhooks = Map.copyOf(byId);
    int global = ((Number) context.config().getOrDefault("global_per_second", 50)).intValue();
    int each = ((Number) context.config().getOrDefault("per_destination_per_second", 10))
        .intValue();
    limits = new RateLimits(RateLimits.Rate.perSecond(global), RateLimits.Rate.perSecond(each));
  }

  @Override
  public DeliveryResult deliver(Outgoing message) {
    Webhook hook = webhooks.get(message.destination());
    if (hook == null) {
      return DeliveryResult.permanentFailure("no webhook '" + message.destination() + "'");
    }
    HttpRequest request;
    try {
      request = request(hook, message);
    } catch (RuntimeException e) {
      return DeliveryResult.permanentFailure("cannot render webhook " + hook.id() + ": "
          + e.getMessage());
    }
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      int status = response.statusCode();
      context.count("webhook_response_" + status / 100 + "xx");
      if (status / 100 == 2) {
        return DeliveryResult.delivered(hook.id() + "#" + message.key());
      }
      if (status == 429 || status == 503 && response.headers().firstValue("Retry-After")
          .isPresent()) {
        return DeliveryResult.retryAfter(retryAfter(response.headers().firstValue("Retry-After"))
            .orElse(DEFAULT_RETRY_AFTER));
      }
      String reason = "HTTP " + status + " from " + hook.id();
      boolean permanent = status / 100 == 4 && status != 408;
      return new DeliveryResult.Failed(permanent, reason);
    } catch (IOException e) {
      return DeliveryResult.transientFailure(hook.id() + " unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DeliveryResult.transientFailure("interrupted");
    }
  }

  /** Renders the URL (always URL-escaped) and body, and builds the request. */
  HttpRequest request(Webhook hook, Outgoing message) {
    Templates templates = context.templates();
    // Values in a URL are URL-encoded, except the leading server URL, which is a URL itself.
    String prefix = "${CLARION_URL}";
    String source = hook.url().startsWith(prefix)
        ? message.fields().getOrDefault("CLARION_URL", "") + hook.url().substring(prefix.length())
        : hook.url();
    String url = templates.renderText(hook.id() + ".url", source, message.fields(),
        Templates.Escaping.URL);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (url.startsWith("http://")) {
      // No "Upgrade: h2c" dance with plain-HTTP receivers; HTTPS still negotiates HTTP/2.
      builder.version(HttpClient.Version.HTTP_1_1);
    }
    hook.headers().forEach(builder::header);
    builder.header("X-Clarion-Event", message.event());
    builder.header("X-Clarion-Delivery", message.key());
    if (hook.method().equals("GET")) {
      return builder.GET().build();
    }
    Templates.Escaping escaping =
        hook.urlEncode() ? Templates.Escaping.URL : Templates.Escaping.JSON;
    // Without a body of its own, a webhook gets the shipped per-event, per-locale JSON.
    String body = hook.body().isBlank()
        ? templates.render(id(), message.event(), message.locale(), message.fields(), escaping)
        : templates.renderText(hook.id() + ".body", hook.body(), message.fields(), escaping);
    if (hook.headers().keySet().stream().noneMatch(h -> h.equalsIgnoreCase("Content-Type"))) {
      builder.header("Content-Type",
          hook.urlEncode() ? "application/x-www-form-urlencoded" : "application/json");
    }
    return builder.method(hook.method(), HttpRequest.BodyPublishers.ofString(body)).build();
  }

  /** Retry-After is either delta-seconds or an HTTP-date (RFC 9110 §10.2.3). */
  Optional<Duration> retryAfter(Optional<String> header) {
    if (header.isEmpty()) {
      return Optional.empty();
    }
    String value = header.get().strip();
    try {
      return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(context.clock().instant(), at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException ignored) {
        return Optional.empty();
      }
    }
  }
}
