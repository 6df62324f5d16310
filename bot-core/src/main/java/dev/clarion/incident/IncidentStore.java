package dev.clarion.incident;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where incidents and their timelines live. Every method joins the caller's transaction (see {@link
 * dev.clarion.store.Transactions}). Implementations must keep "one open incident per dedup key"
 * true even across cluster nodes (a unique constraint is the last line of defence).
 */
public interface IncidentStore {
  Incident insert(NewIncident incident, Level impact, Priority priority, Instant at);

  Optional<Incident> find(IncidentId id);

  Optional<Incident> findOpen(DedupKey key);

  void update(Incident incident);

  /** Newest first. */
  List<Incident> list(IncidentFilter filter);

  void appendTimeline(IncidentId id, Instant at, TimelineEntry.Kind kind, String actor, String message);

  /** Oldest first. */
  List<TimelineEntry> timeline(IncidentId id);
}
