package dev.clarion.schedule;

import dev.clarion.audit.Actor;
import dev.clarion.audit.AuditLog;
import dev.clarion.problem.Problem;
import dev.clarion.service.ServiceId;
import dev.clarion.store.Transactions;
import dev.clarion.user.UserDirectory;
import dev.clarion.user.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers on-call questions for the configured schedules and manages their overrides. Every
 * override change is validated completely before anything is written, runs in one transaction and
 * is audited ({@code override.create}, {@code override.edit}, {@code override.remove}).
 */
public final class ScheduleService implements OnCallResolver {
  /** The longest range a shift listing or feed may cover. */
  public static final Duration MAX_RANGE = Duration.ofDays(366);

  private final Map<ScheduleId, Schedule> schedules;
  private final OverrideStore overrides;
  private final UserDirectory users;
  private final AuditLog audit;
  private final Transactions tx;
  private final Clock clock;
  private final Duration maxOverride;

  public ScheduleService(
      List<Schedule> schedules,
      OverrideStore overrides,
      UserDirectory users,
      AuditLog audit,
      Transactions tx,
      Clock clock,
      Duration maxOverride) {
    Map<ScheduleId, Schedule> byId = new LinkedHashMap<>();
    schedules.forEach(s -> byId.put(s.id(), s));
    this.schedules = Map.copyOf(byId);
    this.overrides = overrides;
    this.users = users;
    this.audit = audit;
    this.tx = tx;
    this.clock = clock;
    this.maxOverride = maxOverride;
  }

  public List<Schedule> all() {
    return schedules.values().stream().sorted(Comparator.comparing(s -> s.id().value())).toList();
  }

  public Schedule get(ScheduleId id) {
    Schedule s = schedules.get(id);
    if (s == null) {
      throw Problem.notFound("no schedule '" + id + "'");
    }
    return s;
  }

  /** Looks a schedule up by the id a person typed; names the field when it is unknown. */
  public Schedule find(String field, String id) {
    Schedule s = schedules.get(new ScheduleId(id));
    if (s == null) {
      throw Problem.invalid(field, "unknown schedule '" + id + "'; known: " + ids());
    }
    return s;
  }

  /** The schedules that answer for {@code service}. */
  public List<Schedule> forService(ServiceId service) {
    return all().stream().filter(s -> s.services().contains(service)).toList();
  }

  @Override
  public List<UserId> onCall(ScheduleId schedule, Instant at) {
    Schedule s = get(schedule);
    // Stores keep microseconds (PostgreSQL's precision): a nanosecond-wide range could round to
    // an empty one; the schedule filters the exact instant itself.
    return s.onCallAt(at, overrides.overlapping(schedule, at, at.plus(1, ChronoUnit.MICROS)))
        .map(List::of)
        .orElse(List.of());
  }

  public List<Shift> shifts(ScheduleId schedule, Instant from, Instant to) {
    checkRange(from, to);
    Schedule s = get(schedule);
    return s.shifts(from, to, overrides.overlapping(schedule, from, to));
  }

  public List<Handoff> handoffs(ScheduleId schedule, Instant from, Instant to) {
    checkRange(from, to);
    Schedule s = get(schedule);
    return s.handoffs(from, to, overrides.overlapping(schedule, from, to));
  }

  /** {@code user}'s shifts on any schedule that overlap [now, now + horizon), by start time. */
  public List<Shift> upcomingShifts(UserId user, Duration horizon) {
    if (users.find(user).isEmpty()) {
      throw Problem.notFound("no user '" + user + "'");
    }
    Instant from = clock.instant();
    Instant to = from.plus(horizon);
    checkRange(from, to);
    List<Shift> mine = new ArrayList<>();
    for (Schedule s : all()) {
      for (Shift shift : s.shifts(from, to, overrides.overlapping(s.id(), from, to))) {
        if (shift.user().equals(user)) {
          mine.add(shift);
        }
      }
    }
    mine.sort(Comparator.comparing(Shift::start));
    return mine;
  }

  public List<ScheduleOverride> overrides(ScheduleId schedule, Instant from, Instant to) {
    get(schedule);
    return overrides.overlapping(schedule, from, to);
  }

  public ScheduleOverride addOverride(Actor actor, NewOverride draft) {
    validate(draft, "");
    return tx.inTransaction(() -> {
      ScheduleOverride created = overrides.add(draft);
      audit.record(clock.instant(), actor, "override.create", target(created), describe(created));
      return created;
    });
  }

  /** Adds every occurrence of a bulk override, or none if any occurrence is invalid. */
  public List<ScheduleOverride> addBulk(Actor actor, BulkOverride bulk) {
    if (bulk.lastDay().isBefore(bulk.firstDay())) {
      throw Problem.invalid("last_day", "the last day " + bulk.lastDay() + " is before the first day "
          + bulk.firstDay());
    }
    if (bulk.days().isEmpty()) {
      throw Problem.invalid("days", "name at least one day of the week");
    }
    List<NewOverride> drafts = bulk.expand();
    if (drafts.isEmpty()) {
      throw Problem.invalid("days", "no day between " + bulk.firstDay() + " and " + bulk.lastDay()
          + " matches " + bulk.days());
    }
    if (drafts.size() > BulkOverride.MAX_OCCURRENCES) {
      throw Problem.invalid("last_day", drafts.size() + " occurrences; at most "
          + BulkOverride.MAX_OCCURRENCES + " at once");
    }
    for (int i = 0; i < drafts.size(); i++) {
      validate(drafts.get(i), "occurrence " + (i + 1) + ": ");
    }
    return tx.inTransaction(() -> {
      List<ScheduleOverride> created = new ArrayList<>();
      for (NewOverride draft : drafts) {
        ScheduleOverride o = overrides.add(draft);
        audit.record(clock.instant(), actor, "override.create", target(o), describe(o) + " (bulk)");
        created.add(o);
      }
      return created;
    });
  }

  /** Changes an override's coverer, times or reason; the schedule and target stay. */
  public ScheduleOverride editOverride(
      Actor actor, OverrideId id, UserId coverer, Instant start, Instant end, String reason) {
    ScheduleOverride old = overrides.find(id).orElseThrow(() -> Problem.notFound("no override " + id));
    NewOverride draft = new NewOverride(old.schedule(), coverer, old.target(), start, end, reason);
    validate(draft, "", Optional.of(id));
    ScheduleOverride changed = draft.numbered(id);
    return tx.inTransaction(() -> {
      overrides.update(changed);
      audit.record(clock.instant(), actor, "override.edit", target(changed),
          "was " + describe(old) + "; now " + describe(changed));
      return changed;
    });
  }

  public void removeOverride(Actor actor, OverrideId id) {
    tx.inTransaction(() -> {
      ScheduleOverride old = overrides.find(id).orElseThrow(() -> Problem.notFound("no override " + id));
      overrides.remove(id);
      audit.record(clock.instant(), actor, "override.remove", target(old), describe(old));
      return null;
    });
  }

  private void validate(NewOverride draft, String prefix) {
    validate(draft, prefix, Optional.empty());
  }

  private void validate(NewOverride draft, String prefix, Optional<OverrideId> editing) {
    Schedule schedule = get(draft.schedule());
    knownUser("coverer", draft.coverer());
    if (draft.target() instanceof OverrideTarget.Person p) {
      knownUser("covers", p.user());
      if (p.user().equals(draft.coverer())) {
        throw Problem.invalid("covers", prefix + draft.coverer() + " cannot cover themselves");
      }
    } else if (draft.target() instanceof OverrideTarget.WholeLayer l
        && schedule.layer(l.layer()).isEmpty()) {
      throw Problem.invalid("covers", prefix + "schedule " + schedule.id() + " has no layer '"
          + l.layer() + "'");
    }
    if (!draft.end().isAfter(draft.start())) {
      throw Problem.invalid("end", prefix + "the end " + draft.end() + " is not after the start "
          + draft.start());
    }
    if (!draft.end().isAfter(clock.instant())) {
      throw Problem.invalid("end", prefix + "the override would already be over at " + draft.end());
    }
    if (Duration.between(draft.start(), draft.end()).compareTo(maxOverride) > 0) {
      throw Problem.invalid("end", prefix + "an override may last at most " + maxOverride.toDays()
          + " days");
    }
    // Two overrides of the same target at the same time are a mistake, not a layering: say which
    // one is in the way instead of silently letting the later one win.
    for (ScheduleOverride other : overrides.overlapping(draft.schedule(), draft.start(),
        draft.end())) {
      if (other.target().equals(draft.target())
          && !editing.equals(Optional.of(other.id()))) {
        throw Problem.invalid("start", prefix + "overlaps override " + other.id() + " ("
            + describe(other) + "); edit or remove that one");
      }
    }
  }

  private void knownUser(String field, UserId user) {
    if (users.find(user).isEmpty()) {
      throw Problem.invalid(field, "unknown user '" + user + "'");
    }
  }

  private static void checkRange(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      throw Problem.invalid("until", "the range ends (" + to + ") before it starts (" + from + ")");
    }
    if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw Problem.invalid("until", "a range may cover at most " + MAX_RANGE.toDays() + " days");
    }
  }

  private String ids() {
    return String.join(", ", all().stream().map(s -> s.id().value()).toList());
  }

  private static String target(ScheduleOverride o) {
    return "override:" + o.id();
  }

  static String describe(ScheduleOverride o) {
    return o.coverer() + " covers " + o.target().label() + " on " + o.schedule() + " from "
        + o.start() + " to " + o.end() + (o.reason().isEmpty() ? "" : " (" + o.reason() + ")");
  }

  /** Who is on call now on {@code schedule}; empty means nobody. */
  public Optional<UserId> onCallNow(ScheduleId schedule) {
    return onCall(schedule, clock.instant()).stream().findFirst();
  }

  public Clock clock() {
    return clock;
  }
}
