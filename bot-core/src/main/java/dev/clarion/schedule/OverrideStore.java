package dev.clarion.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stored overrides. Writes join the caller's transaction. */
public interface OverrideStore {
  ScheduleOverride add(NewOverride draft);

  Optional<ScheduleOverride> find(OverrideId id);

  /** Replaces coverer, target, times and reason of an existing override. */
  void update(ScheduleOverride changed);

  /** Whether an override with that id existed. */
  boolean remove(OverrideId id);

  /** Overrides of {@code schedule} overlapping [from, to), oldest id first. */
  List<ScheduleOverride> overlapping(ScheduleId schedule, Instant from, Instant to);
}
