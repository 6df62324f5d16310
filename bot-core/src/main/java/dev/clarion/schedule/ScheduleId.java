package dev.clarion.schedule;

import java.util.Objects;

/** A schedule's stable key as written in clarion.yml, e.g. {@code platform-primary}. */
public record ScheduleId(String value) {
  public ScheduleId {
    Objects.requireNonNull(value, "schedule id");
    if (value.isBlank()) {
      throw new IllegalArgumentException("schedule id must not be blank");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
