package dev.clarion.incident;

import dev.clarion.service.ServiceId;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A query over incidents. Empty parts match everything; {@code text} matches the summary, case
 * insensitively. {@code from}/{@code to} bound the creation time (inclusive, exclusive).
 */
public record IncidentFilter(
    Set<IncidentStatus> statuses,
    Optional<ServiceId> service,
    Set<Urgency> urgencies,
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<String> text,
    int limit) {

  public static final int MAX_LIMIT = 500;

  public IncidentFilter {
    statuses = Set.copyOf(statuses);
    urgencies = Set.copyOf(urgencies);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw dev.clarion.problem.Problem.invalid(
          "limit", "limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
    }
  }

  public static IncidentFilter open(int limit) {
    return new IncidentFilter(
        Set.of(IncidentStatus.TRIGGERED, IncidentStatus.ACKNOWLEDGED),
        Optional.empty(),
        Set.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        limit);
  }

  public static IncidentFilter all(int limit) {
    return new IncidentFilter(
        Set.of(), Optional.empty(), Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), limit);
  }
}
