package dev.clarion.incident;

import java.time.Instant;
import java.util.Locale;

/** One line of an incident's history, in the order it happened. */
public record TimelineEntry(long id, IncidentId incident, Instant at, Kind kind, String actor, String message) {
  /** What happened. New kinds are appended; stored by name. */
  public enum Kind {
    TRIGGERED,
    ALERT,
    ACKNOWLEDGED,
    RESOLVED,
    REOPENED,
    COMMENT,
    ASSIGNED,
    NOTIFIED,
    ESCALATED,
    /** Progress of a runbook run: started, a step's result, waiting, finished or failed. */
    RUNBOOK;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
