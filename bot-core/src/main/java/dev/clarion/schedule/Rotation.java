package dev.clarion.schedule;

import java.time.Duration;

/**
 * How long each person's turn lasts. Day-based rotations (daily, weekly, every N days) hand off at
 * the same local wall-clock time every time, so a turn across a DST change is 23 or 25 hours long;
 * hour-based rotations are a fixed elapsed duration, so their local handoff time drifts by an
 * hour across DST. That is the difference people expect between "every day at 09:00" and "every
 * 12 hours".
 */
public record Rotation(Unit unit, int length) {
  /** The unit a rotation counts in. */
  public enum Unit {
    HOURS,
    DAYS
  }

  public static final int MAX_DAYS = 366;
  public static final int MAX_HOURS = 24 * MAX_DAYS;

  public Rotation {
    if (length < 1) {
      throw new IllegalArgumentException("rotation length must be at least 1, was " + length);
    }
    if (unit == Unit.DAYS && length > MAX_DAYS || unit == Unit.HOURS && length > MAX_HOURS) {
      throw new IllegalArgumentException("rotation length must be at most a year");
    }
  }

  public static Rotation daily() {
    return new Rotation(Unit.DAYS, 1);
  }

  public static Rotation weekly() {
    return new Rotation(Unit.DAYS, 7);
  }

  public static Rotation everyDays(int days) {
    return new Rotation(Unit.DAYS, days);
  }

  public static Rotation everyHours(int hours) {
    return new Rotation(Unit.HOURS, hours);
  }

  Duration hours() {
    return Duration.ofHours(length);
  }

  public String label() {
    if (unit == Unit.DAYS) {
      return length == 1 ? "daily" : length == 7 ? "weekly" : "every " + length + " days";
    }
    return "every " + length + " hours";
  }
}
