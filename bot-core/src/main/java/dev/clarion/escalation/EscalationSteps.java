package dev.clarion.escalation;

import dev.clarion.problem.Problem;
import dev.clarion.schedule.OnCallResolver;
import dev.clarion.store.Transactions;
import dev.clarion.team.Team;
import dev.clarion.team.TeamDirectory;
import dev.clarion.user.Role;
import dev.clarion.user.User;
import dev.clarion.user.UserDirectory;
import dev.clarion.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * What an escalation step does, whatever engine runs it: resolve the targets at this moment, page
 * them through the {@link Notifier}, and record the page under its {@link StepKey} in one
 * transaction, so a step the engine runs twice pages once. A schedule target is whoever is on call
 * at the step's time; a schedule with nobody on call is named in the page's reason (the timeline).
 */
public final class EscalationSteps {
  private final UserDirectory users;
  private final TeamDirectory teams;
  private final OnCallResolver onCall;
  private final NotificationLog log;
  private final Notifier notifier;
  private final Transactions transactions;
  private final Clock clock;
  private final RandomGenerator random;

  public EscalationSteps(
      UserDirectory users,
      TeamDirectory teams,
      OnCallResolver onCall,
      NotificationLog log,
      Notifier notifier,
      Transactions transactions,
      Clock clock,
      RandomGenerator random) {
    this.users = users;
    this.teams = teams;
    this.onCall = onCall;
    this.log = log;
    this.notifier = notifier;
    this.transactions = transactions;
    this.clock = clock;
    this.random = random;
  }

  /** The clock steps run on (Clarion's; virtual in the simulator). */
  public Clock clock() {
    return clock;
  }

  /** Pages the step's targets unless this step already ran; returns who was paged. */
  public List<UserId> run(StepKey key, List<Target> targets) {
    return transactions.inTransaction(
        () -> {
          Optional<List<UserId>> earlier = log.find(key);
          if (earlier.isPresent()) {
            return earlier.get();
          }
          Instant now = clock.instant();
          List<String> notes = new ArrayList<>();
          List<UserId> recipients = resolve(key, targets, now, notes);
          log.record(key, recipients, now);
          notifier.page(new Page(key, recipients, describe(key, targets, recipients, notes)));
          return recipients;
        });
  }

  /** Who {@code targets} are at {@code now}; adds a note for each schedule nobody is on call for. */
  private List<UserId> resolve(
      StepKey key, List<Target> targets, Instant now, List<String> notes) {
    Set<UserId> who = new LinkedHashSet<>();
    for (Target target : targets) {
      if (target instanceof Target.User u) {
        users.find(u.id()).ifPresent(user -> who.add(user.id()));
      } else if (target instanceof Target.Schedule s) {
        List<UserId> onCallNow = onCallAt(s, now, notes);
        if (onCallNow.isEmpty()) {
          notes.add("schedule " + s.id() + ": nobody on call");
        }
        who.addAll(onCallNow);
      } else if (target instanceof Target.Team t) {
        teams.find(t.id()).ifPresent(team -> who.addAll(team.members()));
      } else if (target instanceof Target.RandomMember r) {
        teams.find(r.id()).flatMap(this::pick).ifPresent(who::add);
      } else if (target instanceof Target.PreviousResponders) {
        who.addAll(log.paged(key.incident()));
      } else if (target instanceof Target.Everyone) {
        users.all().stream()
            .filter(user -> user.role().includes(Role.RESPONDER))
            .map(User::id)
            .forEach(who::add);
      }
    }
    return List.copyOf(who);
  }

  /**
   * Whom {@code targets} would page at {@code at}, without paging anyone: for the incident API's
   * and chat messages' "next escalation" (a schedule names whoever will be on call then).
   */
  public List<NextEscalation.NextTarget> preview(List<Target> targets, Instant at) {
    List<NextEscalation.NextTarget> out = new ArrayList<>();
    for (Target target : targets) {
      if (target instanceof Target.User u) {
        out.add(new NextEscalation.NextTarget("user", u.id().value(), Optional.empty(),
            people(users.find(u.id()).map(User::id).stream().toList())));
      } else if (target instanceof Target.Schedule s) {
        out.add(new NextEscalation.NextTarget("schedule", s.id().value(),
            Optional.of("schedule " + s.id().value()), people(onCallAt(s, at, new ArrayList<>()))));
      } else if (target instanceof Target.Team t) {
        out.add(new NextEscalation.NextTarget("team", t.id().value(),
            Optional.of("team " + t.id().value()),
            people(teams.find(t.id()).map(Team::members).orElse(List.of()))));
      } else if (target instanceof Target.RandomMember r) {
        out.add(new NextEscalation.NextTarget("random", r.id().value(),
            Optional.of("team " + r.id().value()), List.of()));
      } else if (target instanceof Target.PreviousResponders) {
        out.add(new NextEscalation.NextTarget("previous", "previous", Optional.empty(), List.of()));
      } else if (target instanceof Target.Everyone) {
        out.add(new NextEscalation.NextTarget("everyone", "everyone", Optional.empty(), List.of()));
      }
    }
    return out;
  }

  private List<NextEscalation.Person> people(List<UserId> ids) {
    return ids.stream()
        .map(id -> new NextEscalation.Person(id, users.find(id).map(User::name).orElse(id.value())))
        .toList();
  }

  private List<UserId> onCallAt(Target.Schedule s, Instant now, List<String> notes) {
    try {
      return onCall.onCall(s.id(), now);
    } catch (Problem e) {
      // Validated when policies deploy; a schedule removed since then pages nobody, not a retry.
      notes.add("schedule " + s.id() + ": " + e.getMessage());
      return List.of();
    }
  }

  private Optional<UserId> pick(Team team) {
    List<UserId> members = team.members();
    if (members.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(members.get(random.nextInt(members.size())));
  }

  private static String describe(
      StepKey key, List<Target> targets, List<UserId> recipients, List<String> notes) {
    List<String> names = new ArrayList<>();
    recipients.forEach(r -> names.add(r.value()));
    String who = names.isEmpty() ? "nobody (no target resolved to a user)" : String.join(", ", names);
    String text = key.step() + " (round " + key.round() + "): paged " + who
        + " [" + Target.expression(targets) + "]";
    return notes.isEmpty() ? text : text + "; " + String.join("; ", notes);
  }
}
