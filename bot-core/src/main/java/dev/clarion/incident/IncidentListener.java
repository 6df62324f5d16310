package dev.clarion.incident;

import java.time.Instant;

/**
 * Told about each incident change inside the change's transaction (so it can write to an outbox
 * atomically with it). Must not call back into {@link IncidentService}.
 */
public interface IncidentListener {
  enum Change {
    OPENED,
    ACKNOWLEDGED,
    RESOLVED,
    REASSIGNED
  }

  void changed(Incident incident, Change change, Instant at);

  IncidentListener NONE = (incident, change, at) -> {};
}
