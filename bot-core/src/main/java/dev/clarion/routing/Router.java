package dev.clarion.routing;

import dev.clarion.incident.Urgency;
import dev.clarion.service.ServiceId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Evaluates an integration's rules against one alert. Stateless and thread-safe. */
public final class Router {

  /** The parts of an alert rules can look at. */
  public record Subject(
      String summary, String source, Urgency urgency, Map<String, String> labels, Map<String, Object> details) {}

  public RoutingDecision route(Subject alert, List<RoutingRule> rules, ServiceId defaultService) {
    List<RoutingRule> ordered =
        rules.stream().sorted(Comparator.comparingInt(RoutingRule::priority)).toList();
    for (RoutingRule rule : ordered) {
      if (rule.conditions().stream().allMatch(c -> c.test(valueOf(alert, c.field())))) {
        return new RoutingDecision(
            rule.routeTo().orElse(defaultService),
            rule.setUrgency().orElse(alert.urgency()),
            rule.drop(),
            Optional.of(rule.name()));
      }
    }
    return new RoutingDecision(defaultService, alert.urgency(), false, Optional.empty());
  }

  static Optional<String> valueOf(Subject alert, String field) {
    if (field.equals("summary")) {
      return Optional.ofNullable(alert.summary());
    }
    if (field.equals("source")) {
      return Optional.ofNullable(alert.source());
    }
    if (field.equals("urgency")) {
      return Optional.of(alert.urgency().label());
    }
    if (field.startsWith("labels.")) {
      return Optional.ofNullable(alert.labels().get(field.substring("labels.".length())));
    }
    Object node = alert.details();
    for (String part : field.substring("details.".length()).split("\\.")) {
      if (!(node instanceof Map<?, ?> map)) {
        return Optional.empty();
      }
      node = map.get(part);
    }
    return node == null || node instanceof Map<?, ?> ? Optional.empty() : Optional.of(String.valueOf(node));
  }
}
