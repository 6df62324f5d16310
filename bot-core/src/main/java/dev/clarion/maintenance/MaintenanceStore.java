package dev.clarion.maintenance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Stored maintenance windows. Writes join the caller's transaction. */
public interface MaintenanceStore {
  MaintenanceWindow add(NewWindow window);

  Optional<MaintenanceWindow> find(MaintenanceId id);

  /** Saves a changed end, {@code endedBy} and {@code closed}; services and start never change. */
  void update(MaintenanceWindow window);

  /** Windows with {@code end > from} and {@code start < to}, oldest first. */
  List<MaintenanceWindow> overlapping(Instant from, Instant to);

  /** Windows whose end has passed ({@code end <= now}) but are not closed yet, oldest first. */
  List<MaintenanceWindow> endedNotClosed(Instant now);

  /** Newest first. */
  List<MaintenanceWindow> history(int limit);
}
