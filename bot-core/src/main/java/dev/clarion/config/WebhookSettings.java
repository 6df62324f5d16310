package dev.clarion.config;

import dev.clarion.service.ServiceId;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One {@code webhooks:} entry: seed 001's Generic Webhook form (name, services, notification
 * events, URL-encode, URL, method, headers, body template), plus the locale and time zone its dates
 * and texts use.
 */
public record WebhookSettings(
    String id,
    String name,
    List<ServiceId> services,
    Set<String> events,
    boolean urlEncode,
    String url,
    String method,
    Map<String, String> headers,
    String body,
    Locale locale,
    ZoneId zone) {

  public static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH");

  public WebhookSettings {
    services = List.copyOf(services);
    events = Set.copyOf(events);
    headers = Map.copyOf(headers);
  }

  /** Without headers: they often carry tokens. */
  @Override
  public String toString() {
    return "Webhook[" + id + " " + method + " " + url + "]";
  }
}
