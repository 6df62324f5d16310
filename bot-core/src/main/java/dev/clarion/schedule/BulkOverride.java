package dev.clarion.schedule;

import dev.clarion.user.UserId;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Seed 001's "bulk overriding": the same cover repeated on {@code days} between {@code firstDay} and
 * {@code lastDay} (inclusive), from {@code start} to {@code end} local time in {@code zone} ({@code
 * end} at or before {@code start} runs into the next day). It expands into ordinary overrides so
 * each occurrence can later be edited or removed on its own.
 */
public record BulkOverride(
    ScheduleId schedule,
    UserId coverer,
    OverrideTarget target,
    LocalDate firstDay,
    LocalDate lastDay,
    Set<DayOfWeek> days,
    LocalTime start,
    LocalTime end,
    ZoneId zone,
    String reason) {
  public static final int MAX_OCCURRENCES = 366;

  public BulkOverride {
    days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
  }

  /** The occurrences, in time order; empty when no day in the range matches. */
  public List<NewOverride> expand() {
    List<NewOverride> out = new ArrayList<>();
    for (LocalDate day = firstDay; !day.isAfter(lastDay); day = day.plusDays(1)) {
      if (days.contains(day.getDayOfWeek())) {
        LocalDate endDay = end.isAfter(start) ? day : day.plusDays(1);
        out.add(
            new NewOverride(schedule, coverer, target,
                ZonedDateTime.of(day, start, zone).toInstant(),
                ZonedDateTime.of(endDay, end, zone).toInstant(), reason));
      }
    }
    return out;
  }
}
