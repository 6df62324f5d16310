package dev.clarion.config;

import dev.clarion.escalation.BusinessCalendar;
import java.util.Map;

/**
 * Escalation settings beside the policies: the {@code calendars:} of business-hours gateways and
 * {@code escalation: {watch: false}} to stop deploying workflow files as they change.
 */
public record EscalationSettings(Map<String, BusinessCalendar> calendars, boolean watch) {
  public EscalationSettings {
    calendars = Map.copyOf(calendars);
  }

  public static EscalationSettings defaults() {
    return new EscalationSettings(Map.of(), true);
  }
}
