package dev.clarion.command;

import static dev.clarion.command.Argument.Type.WORD;

import dev.clarion.problem.Problem;
import dev.clarion.schedule.NewOverride;
import dev.clarion.schedule.OverrideId;
import dev.clarion.schedule.OverrideTarget;
import dev.clarion.schedule.Schedule;
import dev.clarion.schedule.ScheduleOverride;
import dev.clarion.schedule.ScheduleService;
import dev.clarion.schedule.Shift;
import dev.clarion.service.ServiceId;
import dev.clarion.user.Role;
import dev.clarion.user.UserDirectory;
import dev.clarion.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code oncall} commands: who is on call, cover for someone, list shifts and overrides. They
 * are thin: parse, call {@link ScheduleService}, wrap the answer in a reply model.
 */
public final class OnCallCommands {
  /** How far ahead {@code oncall shifts} and the "until" of {@code oncall who} look. */
  static final Duration LOOKAHEAD = Duration.ofDays(7);

  private final ScheduleService schedules;
  private final UserDirectory users;

  private OnCallCommands(ScheduleService schedules, UserDirectory users) {
    this.schedules = schedules;
    this.users = users;
  }

  public static void register(CommandCatalog catalog, ScheduleService schedules, UserDirectory users) {
    OnCallCommands c = new OnCallCommands(schedules, users);
    Argument schedule = new Argument("schedule", WORD, false, "schedule id (needed when there are several)");
    catalog.register(new CommandSpec(
        "oncall who", "Who is on call now, on every schedule or one schedule or service",
        List.of(new Argument("target", WORD, false, "a schedule or service id")), Role.VIEWER,
        List.of("who"), c::who));
    catalog.register(new CommandSpec(
        "oncall cover", "Take over a schedule from now: 'oncall cover me 2h' or '... until 18:00'",
        List.of(new Argument("user", WORD, true, "user id, or 'me'"),
            new Argument("until", WORD, true, "a duration (2h, 90m, 1d) or an end time (18:00)"),
            schedule),
        Role.RESPONDER, List.of("cover"), c::cover));
    catalog.register(new CommandSpec(
        "oncall shifts", "Your (or someone's) shifts in the next 7 days",
        List.of(new Argument("user", WORD, false, "user id, default you")), Role.VIEWER,
        List.of("shifts"), c::shifts));
    catalog.register(new CommandSpec(
        "oncall overrides", "Current and upcoming overrides of a schedule", List.of(schedule),
        Role.VIEWER, List.of(), c::overrides));
    catalog.register(new CommandSpec(
        "oncall uncover", "Remove an override by its number",
        List.of(new Argument("override", WORD, true, "override number")), Role.RESPONDER,
        List.of(), c::uncover));
  }

  private Reply who(Invocation inv) {
    Instant now = schedules.clock().instant();
    List<Schedule> asked;
    String title;
    Optional<String> target = inv.optional("target");
    if (target.isEmpty()) {
      asked = schedules.all();
      title = asked.isEmpty() ? "No schedules are configured" : "On call now";
    } else if (schedules.all().stream().anyMatch(s -> s.id().value().equals(target.get()))) {
      asked = List.of(schedules.find("target", target.get()));
      title = "On call now for " + asked.get(0).name();
    } else {
      asked = schedules.forService(new ServiceId(target.get()));
      if (asked.isEmpty()) {
        throw Problem.invalid("target", "'" + target.get()
            + "' is neither a schedule nor a service with a schedule; try 'oncall who'");
      }
      title = "On call now for service " + target.get();
    }
    List<Reply.OnCallAnswer> answers = new ArrayList<>();
    for (Schedule s : asked) {
      Optional<UserId> user = schedules.onCall(s.id(), now).stream().findFirst();
      Optional<Instant> until = user.flatMap(u -> schedules.shifts(s.id(), now, now.plus(LOOKAHEAD))
          .stream().findFirst().map(Shift::end).filter(end -> end.isBefore(now.plus(LOOKAHEAD))));
      answers.add(new Reply.OnCallAnswer(s.id(), s.name(), user, until));
    }
    return new Reply.OnCallReply(title, answers, now);
  }

  private Reply cover(Invocation inv) {
    UserId coverer = user(inv, "user", inv.required("user"));
    Instant now = schedules.clock().instant();
    Instant end = TimeText.durationOrUntil("until", inv.required("until"), now,
        inv.invoker().user().timeZone());
    Schedule schedule = schedule(inv);
    ScheduleOverride o = schedules.addOverride(inv.invoker().actor(), new NewOverride(
        schedule.id(), coverer, new OverrideTarget.WholeSchedule(), now, end,
        "oncall cover by " + inv.invoker().user().name()));
    return new Reply.OverrideReply(coverer + " covers " + schedule.name() + " until " + end
        + " (override " + o.id() + ")", List.of(o), true);
  }

  private Reply shifts(Invocation inv) {
    UserId user = inv.optional("user").map(u -> user(inv, "user", u))
        .orElse(inv.invoker().user().id());
    List<Shift> shifts = schedules.upcomingShifts(user, LOOKAHEAD);
    String title = shifts.isEmpty() ? "No shifts for " + user + " in the next 7 days"
        : "Shifts for " + user + " in the next 7 days";
    return new Reply.ShiftListReply(title, shifts);
  }

  private Reply overrides(Invocation inv) {
    Schedule schedule = schedule(inv);
    Instant now = schedules.clock().instant();
    List<ScheduleOverride> list =
        schedules.overrides(schedule.id(), now, now.plus(ScheduleService.MAX_RANGE));
    return new Reply.OverrideReply(
        list.isEmpty() ? "No current or upcoming overrides on " + schedule.name()
            : "Overrides on " + schedule.name(), list, false);
  }

  private Reply uncover(Invocation inv) {
    String text = inv.required("override");
    long id;
    try {
      id = Long.parseLong(text.startsWith("#") ? text.substring(1) : text);
    } catch (NumberFormatException e) {
      throw Problem.invalid("override", "'" + text + "' is not an override number");
    }
    schedules.removeOverride(inv.invoker().actor(), new OverrideId(id));
    return new Reply.OverrideReply("Override " + id + " removed", List.of(), true);
  }

  private Schedule schedule(Invocation inv) {
    Optional<String> id = inv.optional("schedule");
    if (id.isPresent()) {
      return schedules.find("schedule", id.get());
    }
    List<Schedule> all = schedules.all();
    if (all.size() == 1) {
      return all.get(0);
    }
    throw Problem.invalid("schedule", all.isEmpty() ? "no schedules are configured"
        : "name the schedule: " + String.join(", ", all.stream().map(s -> s.id().value()).toList()));
  }

  private UserId user(Invocation inv, String field, String text) {
    if (text.equalsIgnoreCase("me")) {
      return inv.invoker().user().id();
    }
    UserId id = new UserId(text.startsWith("@") ? text.substring(1) : text);
    if (users.find(id).isEmpty()) {
      throw Problem.invalid(field, "unknown user '" + text + "'");
    }
    return id;
  }
}
