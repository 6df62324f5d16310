package dev.clarion.routing;

import dev.clarion.incident.Urgency;
import dev.clarion.service.ServiceId;
import java.util.List;
import java.util.Optional;

/**
 * "When all conditions hold, do these actions." Lower {@code priority} is tried first. A rule must do
 * something: route, set urgency, or drop.
 */
public record RoutingRule(
    String name,
    int priority,
    List<Condition> conditions,
    Optional<ServiceId> routeTo,
    Optional<Urgency> setUrgency,
    boolean drop) {

  public RoutingRule {
    conditions = List.copyOf(conditions);
  }
}
