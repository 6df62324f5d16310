package dev.clarion.command;

import dev.clarion.problem.Problem;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How people type durations ("30m", "2h", "1h30m", "1d", "45" meaning minutes) and end times
 * ("18:00" — the next 18:00 in their time zone, "2026-11-24T09:00" local, or with an offset).
 */
public final class TimeText {
  private static final Pattern PARTS = Pattern.compile("(\\d+)([dhm])");
  private static final Pattern DURATION = Pattern.compile("(\\d+[dhm])+");

  private TimeText() {}

  public static Duration duration(String field, String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      if (t.matches("-?\\d+")) {
        return positive(field, text, Duration.ofMinutes(Long.parseLong(t)));
      }
      if (t.startsWith("p")) {
        return positive(field, text, Duration.parse(t.toUpperCase(Locale.ROOT)));
      }
      if (DURATION.matcher(t).matches()) {
        Duration total = Duration.ZERO;
        Matcher m = PARTS.matcher(t);
        while (m.find()) {
          long n = Long.parseLong(m.group(1));
          total = total.plus(switch (m.group(2)) {
            case "d" -> Duration.ofDays(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
          });
        }
        return positive(field, text, total);
      }
    } catch (ArithmeticException | NumberFormatException | DateTimeException e) {
      // reported below
    }
    throw Problem.invalid(field,
        "'" + text + "' is not a duration (try 30m, 2h, 1h30m, 1d or a number of minutes)");
  }

  private static Duration positive(String field, String text, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw Problem.invalid(field, "'" + text + "' must be a positive duration");
    }
    return d;
  }

  /** A duration from now, or an end time; either way the instant it ends. */
  public static Instant durationOrUntil(String field, String text, Instant now, ZoneId zone) {
    String t = text.strip();
    if (t.matches("\\d{1,2}:\\d{2}")) {
      LocalTime time = LocalTime.parse(t.length() == 4 ? "0" + t : t);
      ZonedDateTime local = now.atZone(zone);
      ZonedDateTime end = ZonedDateTime.of(local.toLocalDate(), time, zone);
      return (end.toInstant().isAfter(now) ? end : end.plusDays(1)).toInstant();
    }
    if (t.contains("T") && t.length() > 10) {
      try {
        return OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeException e) {
        try {
          return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeException e2) {
          throw Problem.invalid(field, "'" + text + "' is not a time (try 2026-11-24T09:00)");
        }
      }
    }
    return now.plus(duration(field, t));
  }
}
