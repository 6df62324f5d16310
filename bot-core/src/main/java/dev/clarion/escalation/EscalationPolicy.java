package dev.clarion.escalation;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A list-shaped escalation policy (seed 001's model): up to {@value #MAX_STEPS} steps, each paging
 * its targets and then waiting before the next; the whole list runs {@code rounds} times; it stops
 * when the incident reaches {@code endOn}; after the last round an optional final notification
 * goes to everyone in the policy. Compiled to BPMN, which is what runs.
 */
public record EscalationPolicy(
    String name, List<Step> steps, int rounds, EndCondition endOn, boolean finalNotification) {
  public static final int MAX_STEPS = 20;
  public static final int MAX_ROUNDS = 10;

  public EscalationPolicy {
    steps = List.copyOf(steps);
    if (steps.isEmpty() || steps.size() > MAX_STEPS) {
      throw new IllegalArgumentException(
          "a policy has 1 to " + MAX_STEPS + " steps, got " + steps.size());
    }
    if (rounds < 1 || rounds > MAX_ROUNDS) {
      throw new IllegalArgumentException("rounds must be 1 to " + MAX_ROUNDS + ", got " + rounds);
    }
  }

  /** Pages {@code targets}, then waits {@code waitAfter} before the next step or round. */
  public record Step(List<Target> targets, Duration waitAfter) {
    public Step {
      targets = List.copyOf(targets);
      if (targets.isEmpty()) {
        throw new IllegalArgumentException("a step needs at least one target");
      }
      if (waitAfter.isNegative() || waitAfter.isZero()) {
        throw new IllegalArgumentException("a step needs a wait of at least one minute");
      }
    }
  }

  /** The incident state that ends the escalation. Resolving always ends it. */
  public enum EndCondition {
    ACKNOWLEDGED,
    RESOLVED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<EndCondition> parse(String text) {
      for (EndCondition c : values()) {
        if (c.label().equals(text.strip())) {
          return Optional.of(c);
        }
      }
      return Optional.empty();
    }
  }

  /**
   * The final notification's targets: every target of every step, with a random team member
   * widened to the whole team, plus everyone paged so far.
   */
  public List<Target> everyone() {
    Set<Target> all = new LinkedHashSet<>();
    for (Step step : steps) {
      for (Target t : step.targets()) {
        all.add(t instanceof Target.RandomMember r ? new Target.Team(r.id()) : t);
      }
    }
    all.add(new Target.PreviousResponders());
    return List.copyOf(all);
  }
}
