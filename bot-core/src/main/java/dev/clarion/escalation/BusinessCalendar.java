package dev.clarion.escalation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Office hours for a business-hours gateway: a zone, opening hours per weekday (several ranges a
 * day allowed, e.g. a lunch break; a day without ranges is closed) and holiday dates (closed all
 * day). Configured under {@code calendars:} in clarion.yml.
 */
public record BusinessCalendar(
    String name, ZoneId zone, Map<DayOfWeek, List<Hours>> week, Set<LocalDate> holidays) {

  /** Open from {@code start} (inclusive) to {@code end} (exclusive) local time. */
  public record Hours(LocalTime start, LocalTime end) {
    public Hours {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("opening hours end before they start: " + start + "-" + end);
      }
    }

    boolean contains(LocalTime t) {
      return !t.isBefore(start) && t.isBefore(end);
    }
  }

  public BusinessCalendar {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(zone, "zone");
    Map<DayOfWeek, List<Hours>> copy = new EnumMap<>(DayOfWeek.class);
    week.forEach((day, hours) -> copy.put(day, List.copyOf(hours)));
    week = Map.copyOf(copy);
    holidays = Set.copyOf(holidays);
  }

  /** Whether the office is open at {@code at}. */
  public boolean isOpen(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    if (holidays.contains(local.toLocalDate())) {
      return false;
    }
    return week.getOrDefault(local.getDayOfWeek(), List.of()).stream()
        .anyMatch(h -> h.contains(local.toLocalTime()));
  }
}
