package dev.clarion.escalation;

import dev.clarion.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs an escalation policy on a virtual clock and tells who would be paged when, without paging
 * anyone; the same simulator as {@code clarion policy simulate}. Implemented by the engine adapter.
 */
public interface EscalationSimulations {
  /** One line of a simulated timeline; {@code recipients} is empty for non-page events. */
  record Event(Instant at, String what, List<UserId> recipients) {
    public Event {
      recipients = List.copyOf(recipients);
    }
  }

  /** The timeline of {@code policy} (resolved from a service when a service was named). */
  record Simulation(String policy, Optional<String> service, Instant start,
      Optional<Duration> ackAfter, List<Event> events) {
    public Simulation {
      events = List.copyOf(events);
    }
  }

  /**
   * Simulates {@code policyOrService}: a policy name, or a service whose policy is used.
   *
   * @throws dev.clarion.problem.Problem (invalid) when it names neither
   */
  Simulation simulate(String policyOrService, Instant start, Optional<Duration> ackAfter);
}
