package dev.clarion.alert;

import dev.clarion.incident.Urgency;
import dev.clarion.routing.RoutingRule;
import dev.clarion.service.ServiceId;
import java.util.List;

/**
 * A monitoring tool's way in. {@code key} is the secret in its URL (or PagerDuty routing_key); the
 * {@code format} names which wire format it speaks; alerts go to {@code defaultService} unless a rule
 * routes them elsewhere.
 */
public record Integration(
    IntegrationId id,
    String name,
    String key,
    AlertFormat format,
    ServiceId defaultService,
    Urgency defaultUrgency,
    List<RoutingRule> rules,
    IngestQuota.Rate rate,
    boolean autoConfirmSubscriptions) {

  public Integration {
    rules = List.copyOf(rules);
  }

  /** Never prints the key: integrations end up in logs. */
  @Override
  public String toString() {
    return "Integration[" + id + ", " + format.label() + " -> " + defaultService + ", " + rules.size() + " rules]";
  }
}
