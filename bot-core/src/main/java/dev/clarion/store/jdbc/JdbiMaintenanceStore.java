package dev.clarion.store.jdbc;

import dev.clarion.maintenance.MaintenanceId;
import dev.clarion.maintenance.MaintenanceStore;
import dev.clarion.maintenance.MaintenanceWindow;
import dev.clarion.maintenance.NewWindow;
import dev.clarion.service.ServiceId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** Maintenance windows in SQL: one row per window, one per (window, service). */
public final class JdbiMaintenanceStore implements MaintenanceStore {
  private static final String COLUMNS =
      "id, start_at, end_at, reason, created_by, created_at, ended_by, closed";

  private final Database db;

  public JdbiMaintenanceStore(Database db) {
    this.db = db;
  }

  /** A window row before its services are attached. */
  private record Row(long id, Instant start, Instant end, String reason, String createdBy,
      Instant createdAt, Optional<String> endedBy, boolean closed) {}

  @Override
  public MaintenanceWindow add(NewWindow w) {
    String reason = JdbiIncidentStore.clip(w.reason(), 1000);
    return db.withHandle(h -> {
      long id = h.createUpdate(
              "INSERT INTO maintenance_window (start_at, end_at, reason, created_by, created_at,"
                  + " closed) VALUES (:start, :end, :reason, :by, :at, FALSE)")
          .bind("start", Sql.at(w.start()))
          .bind("end", Sql.at(w.end()))
          .bind("reason", reason)
          .bind("by", JdbiIncidentStore.clip(w.createdBy(), 255))
          .bind("at", Sql.at(w.createdAt()))
          .executeAndReturnGeneratedKeys("id")
          .mapTo(Long.class)
          .one();
      var batch = h.prepareBatch(
          "INSERT INTO maintenance_window_service (window_id, service_id) VALUES (:id, :service)");
      for (ServiceId s : w.services()) {
        batch.bind("id", id).bind("service", s.value()).add();
      }
      batch.execute();
      return new MaintenanceWindow(new MaintenanceId(id), w.services(), w.start(), w.end(), reason,
          JdbiIncidentStore.clip(w.createdBy(), 255), w.createdAt(), Optional.empty(), false);
    });
  }

  @Override
  public Optional<MaintenanceWindow> find(MaintenanceId id) {
    return db.withHandle(h -> withServices(h,
        h.createQuery("SELECT " + COLUMNS + " FROM maintenance_window WHERE id = :id")
            .bind("id", id.value()).map((rs, ctx) -> read(rs)).list()))
        .stream().findFirst();
  }

  @Override
  public void update(MaintenanceWindow w) {
    db.withHandle(h -> h.createUpdate(
            "UPDATE maintenance_window SET end_at = :end, ended_by = :endedBy, closed = :closed"
                + " WHERE id = :id")
        .bind("end", Sql.at(w.end()))
        .bind("endedBy", w.endedBy().map(b -> JdbiIncidentStore.clip(b, 255)).orElse(null))
        .bind("closed", w.closed())
        .bind("id", w.id().value())
        .execute());
  }

  @Override
  public List<MaintenanceWindow> overlapping(Instant from, Instant to) {
    return db.withHandle(h -> withServices(h,
        h.createQuery("SELECT " + COLUMNS + " FROM maintenance_window"
                + " WHERE end_at > :from AND start_at < :to ORDER BY id")
            .bind("from", Sql.at(from)).bind("to", Sql.at(to))
            .map((rs, ctx) -> read(rs)).list()));
  }

  @Override
  public List<MaintenanceWindow> endedNotClosed(Instant now) {
    return db.withHandle(h -> withServices(h,
        h.createQuery("SELECT " + COLUMNS + " FROM maintenance_window"
                + " WHERE closed = FALSE AND end_at <= :now ORDER BY id")
            .bind("now", Sql.at(now))
            .map((rs, ctx) -> read(rs)).list()));
  }

  @Override
  public List<MaintenanceWindow> history(int limit) {
    return db.withHandle(h -> withServices(h,
        h.createQuery("SELECT " + COLUMNS + " FROM maintenance_window ORDER BY id DESC LIMIT :limit")
            .bind("limit", limit)
            .map((rs, ctx) -> read(rs)).list()));
  }

  private static List<MaintenanceWindow> withServices(Handle h, List<Row> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<Long, Set<ServiceId>> services = new HashMap<>();
    h.createQuery("SELECT window_id, service_id FROM maintenance_window_service"
            + " WHERE window_id IN (<ids>)")
        .bindList("ids", rows.stream().map(Row::id).toList())
        .map((rs, ctx) -> {
          services.computeIfAbsent(rs.getLong("window_id"), k -> new HashSet<>())
              .add(new ServiceId(rs.getString("service_id")));
          return 0;
        })
        .list();
    List<MaintenanceWindow> out = new ArrayList<>();
    for (Row r : rows) {
      out.add(new MaintenanceWindow(new MaintenanceId(r.id()),
          services.getOrDefault(r.id(), Set.of()), r.start(), r.end(), r.reason(), r.createdBy(),
          r.createdAt(), r.endedBy(), r.closed()));
    }
    return out;
  }

  private static Row read(ResultSet rs) throws SQLException {
    return new Row(rs.getLong("id"), Sql.instant(rs, "start_at"), Sql.instant(rs, "end_at"),
        rs.getString("reason"), rs.getString("created_by"), Sql.instant(rs, "created_at"),
        Optional.ofNullable(rs.getString("ended_by")), rs.getBoolean("closed"));
  }
}
