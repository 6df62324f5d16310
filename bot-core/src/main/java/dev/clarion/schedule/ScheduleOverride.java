package dev.clarion.schedule;

import dev.clarion.user.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code coverer} is on call instead of {@code target} from {@code start} (inclusive) to {@code
 * end} (exclusive). The service refuses two overlapping overrides of the same target; where
 * overrides of different targets apply at once, the later one (higher id) is applied last.
 */
public record ScheduleOverride(
    OverrideId id,
    ScheduleId schedule,
    UserId coverer,
    OverrideTarget target,
    Instant start,
    Instant end,
    String reason) {
  public ScheduleOverride {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(coverer, "coverer");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(reason, "reason");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("override must end after it starts");
    }
  }

  boolean activeAt(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  boolean overlaps(Instant from, Instant to) {
    return start.isBefore(to) && end.isAfter(from);
  }
}
