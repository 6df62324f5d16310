package dev.clarion.alert;

import dev.clarion.incident.IncidentId;
import java.util.Locale;
import java.util.Optional;

/** What one alert did, as reported back to the sender. */
public record IngestOutcome(Result result, Optional<IncidentId> incident, String dedupKey) {
  public enum Result {
    /** Opened a new incident. */
    CREATED,
    /** Added to an open incident with the same key. */
    APPENDED,
    ACKNOWLEDGED,
    RESOLVED,
    /** A routing rule dropped it. Stored, not turned into an incident. */
    DROPPED,
    /** An ack/resolve for a key with no open incident, or already in that state. Stored. */
    IGNORED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
