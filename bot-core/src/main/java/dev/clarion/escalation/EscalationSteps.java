package dev.clarion.escalation;

import dev.clarion.store.Transactions;
import dev.clarion.team.Team;
import dev.clarion.team.TeamDirectory;
import dev.clarion.user.Role;
import dev.clarion.user.User;
import dev.clarion.user.UserDirectory;
import dev.clarion.user.UserId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * What an escalation step does, whatever engine runs it: resolve the targets at this moment, page
 * them through the {@link Notifier}, and record the page under its {@link StepKey} in one
 * transaction, so a step the engine runs twice pages once.
 */
public final class EscalationSteps {
  private final UserDirectory users;
  private final TeamDirectory teams;
  private final NotificationLog log;
  private final Notifier notifier;
  private final Transactions transactions;
  private final Clock clock;
  private final RandomGenerator random;

  public EscalationSteps(
      UserDirectory users,
      TeamDirectory teams,
      NotificationLog log,
      Notifier notifier,
      Transactions transactions,
      Clock clock,
      RandomGenerator random) {
    this.users = users;
    this.teams = teams;
    this.log = log;
    this.notifier = notifier;
    this.transactions = transactions;
    this.clock = clock;
    this.random = random;
  }

  /** Pages the step's targets unless this step already ran; returns who was paged. */
  public List<UserId> run(StepKey key, List<Target> targets) {
    return transactions.inTransaction(
        () -> {
          Optional<List<UserId>> earlier = log.find(key);
          if (earlier.isPresent()) {
            return earlier.get();
          }
          List<UserId> recipients = resolve(key, targets);
          log.record(key, recipients, clock.instant());
          notifier.page(new Page(key, recipients, describe(key, targets, recipients)));
          return recipients;
        });
  }

  private List<UserId> resolve(StepKey key, List<Target> targets) {
    Set<UserId> who = new LinkedHashSet<>();
    for (Target target : targets) {
      if (target instanceof Target.User u) {
        users.find(u.id()).ifPresent(user -> who.add(user.id()));
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

  private Optional<UserId> pick(Team team) {
    List<UserId> members = team.members();
    if (members.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(members.get(random.nextInt(members.size())));
  }

  private static String describe(StepKey key, List<Target> targets, List<UserId> recipients) {
    List<String> names = new ArrayList<>();
    recipients.forEach(r -> names.add(r.value()));
    String who = names.isEmpty() ? "nobody (no target resolved to a user)" : String.join(", ", names);
    return key.step() + " (round " + key.round() + "): paged " + who + " [" + Target.expression(targets) + "]";
  }
}
