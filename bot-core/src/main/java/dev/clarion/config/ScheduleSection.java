package dev.clarion.config;

import dev.clarion.config.YamlMapping.Scalar;
import dev.clarion.schedule.Layer;
import dev.clarion.schedule.Member;
import dev.clarion.schedule.Restriction;
import dev.clarion.schedule.Rotation;
import dev.clarion.schedule.Schedule;
import dev.clarion.schedule.ScheduleId;
import dev.clarion.service.ServiceId;
import dev.clarion.user.UserId;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code schedules:} section. Kept apart from {@link ConfigLoader} because schedules have
 * a deep shape of their own (layers, members, restrictions); it reports through the same collector
 * so every problem still carries its line.
 */
final class ScheduleSection {
  private static final Pattern CUSTOM_ROTATION = Pattern.compile("(\\d+)\\s*([hd])");
  private static final String ROTATIONS = "daily|weekly|<n>h|<n>d, e.g. 12h or 3d";
  private static final Map<String, Set<DayOfWeek>> DAY_GROUPS =
      Map.of(
          "weekdays", EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
          "weekends", EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
          "every_day", EnumSet.allOf(DayOfWeek.class));

  private final ErrorCollector errors;
  private final Function<Scalar, Optional<ZoneId>> zone;
  private final ConfigLoader.References references;

  ScheduleSection(
      ErrorCollector errors,
      Function<Scalar, Optional<ZoneId>> zone,
      ConfigLoader.References references) {
    this.errors = errors;
    this.zone = zone;
    this.references = references;
  }

  List<Schedule> read(YamlMapping top, Set<String> userIds, Set<String> serviceIds) {
    List<Schedule> schedules = new ArrayList<>();
    Map<String, Scalar> ids = new HashMap<>();
    for (YamlMapping m : top.mappings("schedules")) {
      Optional<String> id = references.id(m, "schedule", ids);
      String name = m.text("name", id.orElse(""));
      ZoneId scheduleZone = m.scalar("time_zone").flatMap(zone).orElse(ZoneId.of("UTC"));
      Set<ServiceId> services = new LinkedHashSet<>();
      for (Scalar s : m.scalars("services")) {
        if (references.exists(s, "service", serviceIds)) {
          services.add(new ServiceId(s.value()));
        }
      }
      List<Layer> layers = new ArrayList<>();
      Set<String> layerNames = new HashSet<>();
      for (YamlMapping l : m.requiredMappings("layers", "layers of the rotation")) {
        layer(l, scheduleZone, userIds, layerNames).ifPresent(layers::add);
      }
      m.rejectUnknownKeys();
      id.ifPresent(
          i -> schedules.add(new Schedule(new ScheduleId(i), name, scheduleZone, layers, services)));
    }
    return schedules;
  }

  private Optional<Layer> layer(
      YamlMapping l, ZoneId scheduleZone, Set<String> userIds, Set<String> names) {
    Optional<String> name =
        l.required("name")
            .filter(
                s -> {
                  if (names.add(s.value())) {
                    return true;
                  }
                  errors.at(s.node(), s.path(), "duplicate layer name " + s.shown());
                  return false;
                })
            .map(Scalar::value);
    ZoneId layerZone = l.scalar("time_zone").flatMap(zone).orElse(scheduleZone);
    Optional<Rotation> rotation = l.required("rotation").flatMap(this::rotation);
    Optional<LocalDate> start = l.required("start").flatMap(this::date);
    LocalTime handoff = l.scalar("handoff").flatMap(this::time).orElse(LocalTime.of(9, 0));
    List<Member> members = new ArrayList<>();
    for (YamlMapping entry : memberMappings(l)) {
      member(entry, layerZone, userIds).ifPresent(members::add);
    }
    List<Restriction> restrictions = new ArrayList<>();
    for (YamlMapping r : l.mappings("restrictions")) {
      restriction(r).ifPresent(restrictions::add);
    }
    l.rejectUnknownKeys();
    if (name.isEmpty() || rotation.isEmpty() || start.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Layer(name.get(), members, rotation.get(), start.get(), handoff, layerZone,
            restrictions));
  }

  /** Members are written as plain user ids or as mappings with {@code user}/{@code from}/... */
  private List<YamlMapping> memberMappings(YamlMapping l) {
    return l.scalarsOrMappings("members", "user");
  }

  private Optional<Member> member(YamlMapping m, ZoneId zone, Set<String> userIds) {
    Optional<Scalar> user = m.required("user").filter(s -> references.exists(s, "user", userIds));
    Optional<Instant> from = m.scalar("from").flatMap(s -> dateTime(s, zone));
    Optional<Instant> until = m.scalar("until").flatMap(s -> dateTime(s, zone));
    m.rejectUnknownKeys();
    if (from.isPresent() && until.isPresent() && !until.get().isAfter(from.get())) {
      m.errorAt("until", "must be after from");
      return Optional.empty();
    }
    return user.map(u -> new Member(new UserId(u.value()), from, until));
  }

  private Optional<Restriction> restriction(YamlMapping r) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    boolean daysOk = true;
    List<Scalar> listed = r.scalars("days");
    for (Scalar d : listed) {
      Optional<Set<DayOfWeek>> parsed = days(d.value());
      if (parsed.isEmpty()) {
        errors.at(d.node(), d.path(), "unknown day " + d.shown()
            + " (use mon..sun, weekdays, weekends or every_day)");
        daysOk = false;
      } else {
        days.addAll(parsed.get());
      }
    }
    if (listed.isEmpty()) {
      days = EnumSet.allOf(DayOfWeek.class);
    }
    Optional<LocalTime> from = r.required("from").flatMap(this::time);
    Optional<LocalTime> to = r.required("to").flatMap(this::time);
    r.rejectUnknownKeys();
    if (!daysOk || from.isEmpty() || to.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Restriction(days, from.get(), to.get()));
  }

  private static Optional<Set<DayOfWeek>> days(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (DAY_GROUPS.containsKey(t)) {
      return Optional.of(DAY_GROUPS.get(t));
    }
    for (DayOfWeek d : DayOfWeek.values()) {
      String full = d.name().toLowerCase(Locale.ROOT);
      if (t.equals(full) || t.equals(full.substring(0, 3))) {
        return Optional.of(EnumSet.of(d));
      }
    }
    return Optional.empty();
  }

  private Optional<Rotation> rotation(Scalar s) {
    String t = s.value().strip().toLowerCase(Locale.ROOT);
    if (t.equals("daily")) {
      return Optional.of(Rotation.daily());
    }
    if (t.equals("weekly")) {
      return Optional.of(Rotation.weekly());
    }
    Matcher m = CUSTOM_ROTATION.matcher(t);
    if (m.matches()) {
      try {
        int n = Integer.parseInt(m.group(1));
        return Optional.of(m.group(2).equals("h") ? Rotation.everyHours(n) : Rotation.everyDays(n));
      } catch (IllegalArgumentException e) {
        errors.at(s.node(), s.path(), "rotation " + s.shown() + " must last from 1 hour to a year");
        return Optional.empty();
      }
    }
    errors.at(s.node(), s.path(), "unknown rotation " + s.shown() + " (use " + ROTATIONS + ")");
    return Optional.empty();
  }

  private Optional<LocalDate> date(Scalar s) {
    try {
      return Optional.of(LocalDate.parse(s.value().strip()));
    } catch (DateTimeException e) {
      errors.at(s.node(), s.path(), "expected a date like 2026-01-05, found " + s.shown());
      return Optional.empty();
    }
  }

  private Optional<LocalTime> time(Scalar s) {
    String t = s.value().strip();
    if (t.equals("24:00")) {
      return Optional.of(LocalTime.MIDNIGHT);
    }
    try {
      return Optional.of(LocalTime.parse(t.length() == 4 ? "0" + t : t));
    } catch (DateTimeException e) {
      errors.at(s.node(), s.path(), "expected a time like 09:00, found " + s.shown()
          + " (quote it: \"09:00\")");
      return Optional.empty();
    }
  }

  private Optional<Instant> dateTime(Scalar s, ZoneId zone) {
    String t = s.value().strip();
    try {
      if (t.length() == 10) {
        return Optional.of(LocalDate.parse(t).atStartOfDay(zone).toInstant());
      }
      return Optional.of(LocalDateTime.parse(t).atZone(zone).toInstant());
    } catch (DateTimeException e) {
      errors.at(s.node(), s.path(),
          "expected a local date or date-time like 2026-02-01 or 2026-02-01T09:00, found "
              + s.shown());
      return Optional.empty();
    }
  }
}
