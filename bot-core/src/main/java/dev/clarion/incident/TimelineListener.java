package dev.clarion.incident;

import java.time.Instant;

/**
 * Told about each timeline entry as it is appended, inside the appender's transaction (so it can
 * write to an outbox atomically with the entry). Hears every kind, including ones added later
 * (runbook progress, for instance); it decides itself what to ignore. Must not append to the
 * timeline itself.
 */
public interface TimelineListener {
  void appended(IncidentId incident, Instant at, TimelineEntry.Kind kind, String actor,
      String message);

  TimelineListener NONE = (incident, at, kind, actor, message) -> {};
}
