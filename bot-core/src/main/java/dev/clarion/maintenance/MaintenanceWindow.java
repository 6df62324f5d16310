package dev.clarion.maintenance;

import dev.clarion.service.ServiceId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Alerts for {@code services} open suppressed incidents from {@code start} (inclusive) to {@code
 * end} (exclusive). Ending early moves {@code end} to that moment and names who did it in {@code
 * endedBy}; a window cancelled before it started has {@code end == start} and was created before
 * its start (a window opened and ended within the same instant is ended, not cancelled). {@code
 * closed} says the end-of-window policy has been applied.
 */
public record MaintenanceWindow(
    MaintenanceId id,
    Set<ServiceId> services,
    Instant start,
    Instant end,
    String reason,
    String createdBy,
    Instant createdAt,
    Optional<String> endedBy,
    boolean closed) {

  /** Where a window stands at a moment. */
  public enum Status {
    SCHEDULED,
    ACTIVE,
    ENDED,
    CANCELLED;

    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public MaintenanceWindow {
    Objects.requireNonNull(id, "id");
    services = Set.copyOf(services);
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(endedBy, "endedBy");
  }

  public Status status(Instant at) {
    if (end.equals(start)) {
      return createdAt.isBefore(start) ? Status.CANCELLED : Status.ENDED;
    }
    if (at.isBefore(start)) {
      return Status.SCHEDULED;
    }
    return at.isBefore(end) ? Status.ACTIVE : Status.ENDED;
  }

  public boolean activeAt(Instant at) {
    return status(at) == Status.ACTIVE;
  }

  boolean overlaps(Instant from, Instant to) {
    return start.isBefore(to) && end.isAfter(from);
  }

  MaintenanceWindow withEnd(Instant newEnd, Optional<String> by) {
    return new MaintenanceWindow(id, services, start, newEnd, reason, createdBy, createdAt,
        by.or(() -> endedBy), closed);
  }

  MaintenanceWindow asClosed() {
    return new MaintenanceWindow(id, services, start, end, reason, createdBy, createdAt, endedBy,
        true);
  }
}
