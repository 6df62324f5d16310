package dev.clarion.schedule;

import dev.clarion.user.UserId;
import java.time.Instant;
import java.util.Objects;

/** An override before it is stored and numbered. */
public record NewOverride(
    ScheduleId schedule,
    UserId coverer,
    OverrideTarget target,
    Instant start,
    Instant end,
    String reason) {
  public NewOverride {
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(coverer, "coverer");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    reason = reason == null ? "" : reason;
  }

  ScheduleOverride numbered(OverrideId id) {
    return new ScheduleOverride(id, schedule, coverer, target, start, end, reason);
  }
}
