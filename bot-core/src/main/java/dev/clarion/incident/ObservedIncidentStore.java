package dev.clarion.incident;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link IncidentStore} that tells a {@link TimelineListener} about every appended entry, right
 * after the entry is written and in the same transaction. Wrapping the port (rather than hooking
 * each caller) means every writer of the timeline — incident commands, escalation, maintenance,
 * runbooks — is heard without knowing about the listener.
 */
public final class ObservedIncidentStore implements IncidentStore {
  private final IncidentStore delegate;
  private final TimelineListener listener;

  public ObservedIncidentStore(IncidentStore delegate, TimelineListener listener) {
    this.delegate = Objects.requireNonNull(delegate);
    this.listener = Objects.requireNonNull(listener);
  }

  @Override
  public Incident insert(NewIncident incident, Level impact, Priority priority, Instant at) {
    return delegate.insert(incident, impact, priority, at);
  }

  @Override
  public Optional<Incident> find(IncidentId id) {
    return delegate.find(id);
  }

  @Override
  public Optional<Incident> findOpen(DedupKey key) {
    return delegate.findOpen(key);
  }

  @Override
  public void update(Incident incident) {
    delegate.update(incident);
  }

  @Override
  public List<Incident> list(IncidentFilter filter) {
    return delegate.list(filter);
  }

  @Override
  public void appendTimeline(IncidentId id, Instant at, TimelineEntry.Kind kind, String actor,
      String message) {
    delegate.appendTimeline(id, at, kind, actor, message);
    listener.appended(id, at, kind, actor, message);
  }

  @Override
  public List<TimelineEntry> timeline(IncidentId id) {
    return delegate.timeline(id);
  }
}
