package dev.clarion.store.jdbc;

import dev.clarion.escalation.WorkflowCommand;
import dev.clarion.escalation.WorkflowCommandStore;
import dev.clarion.incident.IncidentId;
import java.time.Instant;
import java.util.List;

/** The workflow-command outbox in SQL. */
public final class JdbiWorkflowCommandStore implements WorkflowCommandStore {
  /** After this many failures a command stays in the table for inspection but is not retried. */
  static final int MAX_ATTEMPTS = 10;
  private final Database db;

  public JdbiWorkflowCommandStore(Database db) {
    this.db = db;
  }

  @Override
  public void append(IncidentId incident, WorkflowCommand.Kind kind, Instant at) {
    db.withHandle(
        h -> h.createUpdate(
                "INSERT INTO workflow_command (incident_id, kind, created_at, attempts)"
                    + " VALUES (:incident, :kind, :at, 0)")
            .bind("incident", incident.value())
            .bind("kind", kind.name())
            .bind("at", Sql.at(at))
            .execute());
  }

  @Override
  public List<WorkflowCommand> pending(int limit) {
    return db.withHandle(
        h -> h.createQuery(
                "SELECT id, incident_id, kind, created_at, attempts FROM workflow_command"
                    + " WHERE applied_at IS NULL AND attempts < :max ORDER BY id LIMIT :limit")
            .bind("max", MAX_ATTEMPTS)
            .bind("limit", limit)
            .map((rs, ctx) -> new WorkflowCommand(
                rs.getLong("id"), new IncidentId(rs.getLong("incident_id")),
                WorkflowCommand.Kind.valueOf(rs.getString("kind")), Sql.instant(rs, "created_at"),
                rs.getInt("attempts")))
            .list());
  }

  @Override
  public void markApplied(long commandId, Instant at) {
    db.withHandle(
        h -> h.createUpdate("UPDATE workflow_command SET applied_at = :at WHERE id = :id")
            .bind("at", Sql.at(at))
            .bind("id", commandId)
            .execute());
  }

  @Override
  public void markFailed(long commandId, String error) {
    db.withHandle(
        h -> h.createUpdate(
                "UPDATE workflow_command SET attempts = attempts + 1, last_error = :error WHERE id = :id")
            .bind("error", JdbiIncidentStore.clip(error, 2000))
            .bind("id", commandId)
            .execute());
  }
}
