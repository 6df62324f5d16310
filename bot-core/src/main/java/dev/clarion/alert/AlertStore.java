package dev.clarion.alert;

import dev.clarion.incident.IncidentId;
import java.time.Instant;
import java.util.Optional;

/** Keeps every accepted alert verbatim, whatever it did. Joins the caller's transaction. */
public interface AlertStore {
  void record(AlertEvent event, String dedupKey, IngestOutcome.Result result,
      Optional<IncidentId> incident, Instant receivedAt);

  /** How many alerts an integration sent since {@code since} (for maintenance previews, reports). */
  long countSince(IntegrationId integration, Instant since);
}
