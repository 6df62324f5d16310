package dev.clarion.store.jdbc;

import dev.clarion.schedule.CalendarFeed;
import dev.clarion.schedule.CalendarFeedStore;
import java.time.Instant;
import java.util.Optional;

/** Calendar feed token hashes in SQL. */
public final class JdbiCalendarFeedStore implements CalendarFeedStore {
  private final Database db;

  public JdbiCalendarFeedStore(Database db) {
    this.db = db;
  }

  @Override
  public CalendarFeed add(String tokenSha256, CalendarFeed.Kind kind, String subject,
      String createdBy, Instant at) {
    long id = db.withHandle(
        h -> h.createUpdate(
                "INSERT INTO calendar_feed (token_hash, kind, subject, created_by, created_at,"
                    + " revoked) VALUES (:hash, :kind, :subject, :by, :at, FALSE)")
            .bind("hash", tokenSha256)
            .bind("kind", kind.name())
            .bind("subject", subject)
            .bind("by", JdbiIncidentStore.clip(createdBy, 255))
            .bind("at", Sql.at(at))
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one());
    return new CalendarFeed(id, kind, subject, createdBy, at);
  }

  @Override
  public Optional<CalendarFeed> findActive(String tokenSha256) {
    return db.withHandle(
        h -> h.createQuery(
                "SELECT * FROM calendar_feed WHERE token_hash = :hash AND revoked = FALSE")
            .bind("hash", tokenSha256)
            .map((rs, ctx) -> new CalendarFeed(rs.getLong("id"),
                CalendarFeed.Kind.valueOf(rs.getString("kind")), rs.getString("subject"),
                rs.getString("created_by"), Sql.instant(rs, "created_at")))
            .findOne());
  }

  @Override
  public int revokeAll(CalendarFeed.Kind kind, String subject) {
    return db.withHandle(
        h -> h.createUpdate(
                "UPDATE calendar_feed SET revoked = TRUE WHERE kind = :kind AND subject = :subject"
                    + " AND revoked = FALSE")
            .bind("kind", kind.name())
            .bind("subject", subject)
            .execute());
  }
}
