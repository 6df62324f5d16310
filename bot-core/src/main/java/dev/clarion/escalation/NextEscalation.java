package dev.clarion.escalation;

import dev.clarion.user.UserId;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The escalation step that will run next if nobody stops it: when, which step of which round, and
 * whom it will page, resolved as far as can be known now (a schedule target names whoever is on
 * call at {@code at}; a random team member is only picked when the step runs).
 *
 * @param step the step's number (1-based: {@code step-2} is 2; in a hand-written BPMN, the notify
 *     task's position in the file)
 * @param stepId the notify task's id in the BPMN, as shown in a modeler
 */
public record NextEscalation(Instant at, int step, String stepId, int round, List<NextTarget> targets) {
  public NextEscalation {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(stepId, "stepId");
    targets = List.copyOf(targets);
  }

  /** Someone the next step pages. */
  public record Person(UserId id, String name) {}

  /**
   * One target of the next step.
   *
   * @param kind user, schedule, team, random, previous or everyone
   * @param name the target's id (user, schedule or team), or the kind for previous/everyone
   * @param via "schedule NAME" or "team NAME" when people are reached through it
   * @param people who that is, when known now; empty for a schedule with nobody on call, a
   *     random member (picked when the step runs) and earlier responders
   */
  public record NextTarget(String kind, String name, Optional<String> via, List<Person> people) {
    public NextTarget {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(via, "via");
      people = List.copyOf(people);
    }

    /** "Kim via schedule db-primary", "nobody on call via schedule db", "a random member of team sre". */
    public String describe() {
      String who = switch (kind) {
        case "random" -> "a random member of team " + name;
        case "previous" -> "earlier responders";
        case "everyone" -> "everyone";
        default -> people.isEmpty()
            ? (kind.equals("schedule") ? "nobody on call" : kind.equals("team") ? "nobody" : name)
            : String.join(", ", people.stream().map(Person::name).toList());
      };
      return via.filter(v -> !kind.equals("random")).map(v -> who + " via " + v).orElse(who);
    }
  }

  private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter WITH_DATE = DateTimeFormatter.ofPattern("MM-dd HH:mm");

  /**
   * A short human line in {@code zone}: {@code 03:45 → Kim via schedule db-primary}. The date is
   * added when the step is not due on {@code today}'s date in that zone.
   */
  public String line(ZoneId zone, Instant today) {
    var local = at.atZone(zone);
    String when = local.toLocalDate().equals(today.atZone(zone).toLocalDate())
        ? HOUR_MINUTE.format(local)
        : WITH_DATE.format(local);
    List<String> parts = new ArrayList<>();
    targets.forEach(t -> parts.add(t.describe()));
    return when + " → " + String.join("; ", parts);
  }
}
