package dev.clarion.store.jdbc;

import dev.clarion.schedule.NewOverride;
import dev.clarion.schedule.OverrideId;
import dev.clarion.schedule.OverrideStore;
import dev.clarion.schedule.OverrideTarget;
import dev.clarion.schedule.ScheduleId;
import dev.clarion.schedule.ScheduleOverride;
import dev.clarion.user.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** On-call overrides in SQL; the target is stored in its label form ("kim", "layer:x", "*"). */
public final class JdbiOverrideStore implements OverrideStore {
  private final Database db;

  public JdbiOverrideStore(Database db) {
    this.db = db;
  }

  @Override
  public ScheduleOverride add(NewOverride d) {
    long id = db.withHandle(
        h -> h.createUpdate(
                "INSERT INTO schedule_override (schedule_id, coverer, target, start_at, end_at,"
                    + " reason) VALUES (:schedule, :coverer, :target, :start, :end, :reason)")
            .bind("schedule", d.schedule().value())
            .bind("coverer", d.coverer().value())
            .bind("target", d.target().label())
            .bind("start", Sql.at(d.start()))
            .bind("end", Sql.at(d.end()))
            .bind("reason", JdbiIncidentStore.clip(d.reason(), 1000))
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one());
    return new ScheduleOverride(new OverrideId(id), d.schedule(), d.coverer(), d.target(),
        d.start(), d.end(), JdbiIncidentStore.clip(d.reason(), 1000));
  }

  @Override
  public Optional<ScheduleOverride> find(OverrideId id) {
    return db.withHandle(
        h -> h.createQuery("SELECT * FROM schedule_override WHERE id = :id")
            .bind("id", id.value())
            .map((rs, ctx) -> read(rs))
            .findOne());
  }

  @Override
  public void update(ScheduleOverride o) {
    db.withHandle(
        h -> h.createUpdate(
                "UPDATE schedule_override SET coverer = :coverer, target = :target,"
                    + " start_at = :start, end_at = :end, reason = :reason WHERE id = :id")
            .bind("coverer", o.coverer().value())
            .bind("target", o.target().label())
            .bind("start", Sql.at(o.start()))
            .bind("end", Sql.at(o.end()))
            .bind("reason", JdbiIncidentStore.clip(o.reason(), 1000))
            .bind("id", o.id().value())
            .execute());
  }

  @Override
  public boolean remove(OverrideId id) {
    return db.withHandle(
        h -> h.createUpdate("DELETE FROM schedule_override WHERE id = :id")
            .bind("id", id.value())
            .execute()) > 0;
  }

  @Override
  public List<ScheduleOverride> overlapping(ScheduleId schedule, Instant from, Instant to) {
    return db.withHandle(
        h -> h.createQuery(
                "SELECT * FROM schedule_override WHERE schedule_id = :schedule"
                    + " AND end_at > :from AND start_at < :to ORDER BY id")
            .bind("schedule", schedule.value())
            .bind("from", Sql.at(from))
            .bind("to", Sql.at(to))
            .map((rs, ctx) -> read(rs))
            .list());
  }

  private static ScheduleOverride read(ResultSet rs) throws SQLException {
    return new ScheduleOverride(
        new OverrideId(rs.getLong("id")), new ScheduleId(rs.getString("schedule_id")),
        new UserId(rs.getString("coverer")), OverrideTarget.parse(rs.getString("target")),
        Sql.instant(rs, "start_at"), Sql.instant(rs, "end_at"), rs.getString("reason"));
  }
}
