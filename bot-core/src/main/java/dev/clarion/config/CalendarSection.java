package dev.clarion.config;

import dev.clarion.config.YamlMapping.Scalar;
import dev.clarion.escalation.BusinessCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code calendars:}, the office hours a business-hours gateway asks about:
 *
 * <pre>
 * calendars:
 *   kr-office:
 *     zone: Asia/Seoul
 *     hours:                      # per day: ranges, comma-separated; a day left out is closed
 *       weekdays: "09:00-18:00"   # mon..fri; a day named as well overrides it
 *       sat: "10:00-13:00"
 *     holidays: [2026-01-01, 2026-02-17]
 * </pre>
 */
final class CalendarSection {
  private static final Pattern RANGE = Pattern.compile("\\s*(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2}|24:00)\\s*");
  private static final Map<String, DayOfWeek> DAYS = new LinkedHashMap<>();

  static {
    for (DayOfWeek d : DayOfWeek.values()) {
      DAYS.put(d.name().substring(0, 3).toLowerCase(java.util.Locale.ROOT), d);
    }
  }

  private final ErrorCollector errors;
  private final Function<Scalar, Optional<ZoneId>> zone;

  CalendarSection(ErrorCollector errors, Function<Scalar, Optional<ZoneId>> zone) {
    this.errors = errors;
    this.zone = zone;
  }

  Map<String, BusinessCalendar> read(YamlMapping calendars) {
    Map<String, BusinessCalendar> out = new LinkedHashMap<>();
    for (String name : calendars.keys()) {
      Optional<YamlMapping> m = calendars.mapping(name);
      if (m.isEmpty()) {
        calendars.errorAt(name, "a calendar needs zone:, hours: and optionally holidays:");
        continue;
      }
      if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
        calendars.errorAt(name, "calendar name '" + name
            + "' must be lower-case letters, digits, '-' or '_'");
      }
      calendar(name, m.get()).ifPresent(c -> out.put(name, c));
    }
    return out;
  }

  private Optional<BusinessCalendar> calendar(String name, YamlMapping m) {
    Optional<ZoneId> z = m.required("zone").flatMap(zone);
    Map<DayOfWeek, List<BusinessCalendar.Hours>> week = new EnumMap<>(DayOfWeek.class);
    Optional<YamlMapping> hours = m.mapping("hours");
    if (hours.isEmpty()) {
      m.errorAt("hours", "required but missing (e.g. hours: {weekdays: \"09:00-18:00\"})");
    }
    hours.ifPresent(h -> {
      h.scalar("weekdays").flatMap(this::ranges).ifPresent(r -> {
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
          week.put(d, r);
        }
      });
      for (Map.Entry<String, DayOfWeek> day : DAYS.entrySet()) {
        h.scalar(day.getKey()).flatMap(this::ranges).ifPresent(r -> week.put(day.getValue(), r));
      }
      h.rejectUnknownKeys();
    });
    Set<LocalDate> holidays = new LinkedHashSet<>();
    for (Scalar s : m.scalars("holidays")) {
      try {
        holidays.add(LocalDate.parse(s.value().strip()));
      } catch (DateTimeParseException e) {
        errors.at(s.node(), s.path(), "not a date: " + s.shown() + " (use YYYY-MM-DD)");
      }
    }
    m.rejectUnknownKeys();
    return z.map(zoneId -> new BusinessCalendar(name, zoneId, week, holidays));
  }

  /** "09:00-12:00, 13:00-18:00", or "closed". */
  private Optional<List<BusinessCalendar.Hours>> ranges(Scalar s) {
    List<BusinessCalendar.Hours> out = new ArrayList<>();
    if (s.value().strip().equalsIgnoreCase("closed")) {
      return Optional.of(out);
    }
    for (String part : s.value().split(",")) {
      Matcher m = RANGE.matcher(part);
      try {
        if (!m.matches()) {
          throw new IllegalArgumentException("expected HH:MM-HH:MM");
        }
        LocalTime start = LocalTime.parse(pad(m.group(1)));
        LocalTime end = m.group(2).equals("24:00") ? LocalTime.MAX : LocalTime.parse(pad(m.group(2)));
        out.add(new BusinessCalendar.Hours(start, end));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        errors.at(s.node(), s.path(), "opening hours " + s.shown() + " are not ranges like"
            + " \"09:00-18:00\" or \"09:00-12:00, 13:00-18:00\" or \"closed\" (" + e.getMessage() + ")");
        return Optional.empty();
      }
    }
    return Optional.of(out);
  }

  private static String pad(String hhmm) {
    return hhmm.length() == 4 ? "0" + hhmm : hhmm;
  }
}
