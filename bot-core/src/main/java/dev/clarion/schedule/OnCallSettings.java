package dev.clarion.schedule;

import java.time.Duration;

/**
 * Configured limits for on-call changes: the longest single override. A longer absence belongs in
 * the roster ({@code until}/{@code from} in clarion.yml), not in an override.
 */
public record OnCallSettings(Duration maxOverride) {
  public static final Duration DEFAULT_MAX_OVERRIDE = Duration.ofDays(31);

  public static OnCallSettings defaults() {
    return new OnCallSettings(DEFAULT_MAX_OVERRIDE);
  }
}
