package dev.clarion.store.jdbc;

import dev.clarion.alert.AlertEvent;
import dev.clarion.alert.AlertStore;
import dev.clarion.alert.IngestOutcome;
import dev.clarion.alert.IntegrationId;
import dev.clarion.incident.IncidentId;
import java.time.Instant;
import java.util.Optional;

/** The raw alert log in SQL. */
public final class JdbiAlertStore implements AlertStore {
  private final Database db;

  public JdbiAlertStore(Database db) {
    this.db = db;
  }

  @Override
  public void record(AlertEvent event, String dedupKey, IngestOutcome.Result result,
      Optional<IncidentId> incident, Instant receivedAt) {
    db.withHandle(
        h -> h.createUpdate(
                "INSERT INTO alert_event (integration_id, format, action, dedup_key, summary, result,"
                    + " incident_id, received_at, raw) VALUES (:integration, :format, :action, :key,"
                    + " :summary, :result, :incident, :at, :raw)")
            .bind("integration", event.integration().value())
            .bind("format", event.format().name())
            .bind("action", event.action().name())
            .bind("key", JdbiIncidentStore.clip(dedupKey, 255))
            .bind("summary", JdbiIncidentStore.clip(event.summary() == null ? "" : event.summary(), 1024))
            .bind("result", result.name())
            .bind("incident", incident.map(IncidentId::value).orElse(null))
            .bind("at", Sql.at(receivedAt))
            .bind("raw", event.raw())
            .execute());
  }

  @Override
  public long countSince(IntegrationId integration, Instant since) {
    return db.withHandle(
        h -> h.createQuery(
                "SELECT COUNT(*) FROM alert_event WHERE integration_id = :integration AND received_at >= :since")
            .bind("integration", integration.value())
            .bind("since", Sql.at(since))
            .mapTo(Long.class)
            .one());
  }
}
