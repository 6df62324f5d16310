package dev.clarion.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A window in which a layer is active, in the layer's time zone: from {@code start} to {@code end}
 * on each of {@code days}. {@code end} at or before {@code start} means the window runs past
 * midnight into the next day ("nights only": 22:00–06:00); {@code start == end} is a whole day
 * ("weekends only": SAT, SUN, 00:00–00:00). A day names when the window <em>starts</em>.
 */
public record Restriction(Set<DayOfWeek> days, LocalTime start, LocalTime end) {
  public Restriction {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (days.isEmpty()) {
      throw new IllegalArgumentException("a restriction needs at least one day");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
  }

  public static Restriction everyDay(LocalTime start, LocalTime end) {
    return new Restriction(EnumSet.allOf(DayOfWeek.class), start, end);
  }

  public static Restriction weekdays(LocalTime start, LocalTime end) {
    return new Restriction(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), start, end);
  }

  public static Restriction weekends() {
    return new Restriction(
        EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
  }

  boolean contains(Instant t, ZoneId zone) {
    LocalDate today = t.atZone(zone).toLocalDate();
    return windowContains(today, t, zone) || windowContains(today.minusDays(1), t, zone);
  }

  private boolean windowContains(LocalDate day, Instant t, ZoneId zone) {
    if (!days.contains(day.getDayOfWeek())) {
      return false;
    }
    return !t.isBefore(windowStart(day, zone)) && t.isBefore(windowEnd(day, zone));
  }

  private Instant windowStart(LocalDate day, ZoneId zone) {
    return ZonedDateTime.of(day, start, zone).toInstant();
  }

  private Instant windowEnd(LocalDate day, ZoneId zone) {
    LocalDate endDay = end.isAfter(start) ? day : day.plusDays(1);
    return ZonedDateTime.of(endDay, end, zone).toInstant();
  }

  /** Adds every window edge inside [from, to) to {@code edges}. */
  void edges(Instant from, Instant to, ZoneId zone, List<Instant> edges) {
    LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
    LocalDate last = to.atZone(zone).toLocalDate();
    for (; !day.isAfter(last); day = day.plusDays(1)) {
      if (days.contains(day.getDayOfWeek())) {
        addInside(windowStart(day, zone), from, to, edges);
        addInside(windowEnd(day, zone), from, to, edges);
      }
    }
  }

  private static void addInside(Instant edge, Instant from, Instant to, List<Instant> edges) {
    if (!edge.isBefore(from) && edge.isBefore(to)) {
      edges.add(edge);
    }
  }
}
