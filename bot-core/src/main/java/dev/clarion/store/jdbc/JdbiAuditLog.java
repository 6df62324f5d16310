package dev.clarion.store.jdbc;

import dev.clarion.audit.Actor;
import dev.clarion.audit.AuditEntry;
import dev.clarion.audit.AuditLog;
import java.time.Instant;
import java.util.List;

/** The audit log in SQL. */
public final class JdbiAuditLog implements AuditLog {
  private final Database db;

  public JdbiAuditLog(Database db) {
    this.db = db;
  }

  @Override
  public void record(Instant at, Actor actor, String action, String target, String detail) {
    db.withHandle(
        h -> h.createUpdate(
                "INSERT INTO audit_log (at, actor, action, target, detail)"
                    + " VALUES (:at, :actor, :action, :target, :detail)")
            .bind("at", Sql.at(at))
            .bind("actor", JdbiIncidentStore.clip(actor.display(), 255))
            .bind("action", action)
            .bind("target", JdbiIncidentStore.clip(target, 255))
            .bind("detail", JdbiIncidentStore.clip(detail == null ? "" : detail, 4000))
            .execute());
  }

  @Override
  public List<AuditEntry> recent(String target, int limit) {
    String where = target == null ? "" : " WHERE target = :target";
    return db.withHandle(
        h -> {
          var q = h.createQuery(
                  "SELECT id, at, actor, action, target, detail FROM audit_log" + where
                      + " ORDER BY id DESC LIMIT :limit")
              .bind("limit", limit);
          if (target != null) {
            q.bind("target", target);
          }
          return q.map((rs, ctx) -> new AuditEntry(
                  rs.getLong("id"), Sql.instant(rs, "at"), rs.getString("actor"),
                  rs.getString("action"), rs.getString("target"), rs.getString("detail")))
              .list();
        });
  }
}
