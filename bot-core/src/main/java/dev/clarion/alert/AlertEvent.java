package dev.clarion.alert;

import dev.clarion.incident.Urgency;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One alert, whatever format it came in. A request may carry several (an Alertmanager group).
 *
 * @param dedupKey the sender's event key; absent on a trigger means "always a new incident"
 * @param urgency absent means the integration's default
 * @param raw this alert's part of the request body, kept verbatim for the record
 */
public record AlertEvent(
    IntegrationId integration,
    AlertFormat format,
    EventAction action,
    Optional<String> dedupKey,
    String summary,
    String source,
    Optional<Urgency> urgency,
    Optional<Instant> eventTime,
    Map<String, String> labels,
    Map<String, Object> details,
    String raw) {

  public AlertEvent {
    labels = Map.copyOf(labels);
    details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
  }
}
