package dev.clarion.escalation;

import dev.clarion.incident.IncidentId;
import java.time.Instant;
import java.util.Locale;

/** An instruction for the escalation engine, written in the transaction that caused it. */
public record WorkflowCommand(long id, IncidentId incident, Kind kind, Instant createdAt, int attempts) {
  public enum Kind {
    /** A new incident: start its service's escalation policy. */
    START,
    ACKNOWLEDGED,
    RESOLVED,
    REASSIGNED,
    /** An acknowledged incident received a new alert. */
    RETRIGGERED,
    ESCALATE_NOW;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
