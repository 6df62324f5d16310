package dev.clarion.maintenance;

import dev.clarion.service.ServiceId;
import java.time.Duration;
import java.util.Map;

/**
 * Configured limits and policies: the longest window anyone may open or extend to, and each
 * service's {@link EndPolicy} (services not listed stay {@link EndPolicy#QUIET}).
 */
public record MaintenanceSettings(Duration maxDuration, Map<ServiceId, EndPolicy> endPolicies) {
  public static final Duration DEFAULT_MAX_DURATION = Duration.ofHours(24);

  public MaintenanceSettings {
    endPolicies = Map.copyOf(endPolicies);
  }

  public static MaintenanceSettings defaults() {
    return new MaintenanceSettings(DEFAULT_MAX_DURATION, Map.of());
  }

  public EndPolicy endPolicy(ServiceId service) {
    return endPolicies.getOrDefault(service, EndPolicy.QUIET);
  }
}
