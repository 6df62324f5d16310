package dev.clarion.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarion.incident.DedupKey;
import dev.clarion.incident.Incident;
import dev.clarion.incident.IncidentFilter;
import dev.clarion.incident.IncidentId;
import dev.clarion.incident.IncidentStatus;
import dev.clarion.incident.IncidentStore;
import dev.clarion.incident.Level;
import dev.clarion.incident.NewIncident;
import dev.clarion.incident.Priority;
import dev.clarion.incident.TimelineEntry;
import dev.clarion.incident.Urgency;
import dev.clarion.service.ServiceId;
import dev.clarion.user.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.Query;

/** Incidents and timelines in SQL. */
public final class JdbiIncidentStore implements IncidentStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS =
      "id, service_id, summary, source, status, urgency, impact, priority, integration_id, dedup_key,"
          + " alert_count, created_at, last_event_at, acknowledged_at, resolved_at, assignees,"
          + " suppressed, details";
  private final Database db;

  public JdbiIncidentStore(Database db) {
    this.db = db;
  }

  @Override
  public Incident insert(NewIncident n, Level impact, Priority priority, Instant at) {
    long id =
        db.withHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO incident (service_id, summary, source, status, urgency, impact,"
                            + " priority, integration_id, dedup_key, open_dedup_key, alert_count,"
                            + " created_at, last_event_at, assignees, suppressed, details) VALUES"
                            + " (:service, :summary, :source, :status, :urgency, :impact, :priority,"
                            + " :integration, :key, :key, 1, :at, :at, '', :suppressed, :details)")
                    .bind("service", n.service().value())
                    .bind("summary", n.summary())
                    .bind("source", n.source())
                    .bind("status", IncidentStatus.TRIGGERED.name())
                    .bind("urgency", n.urgency().name())
                    .bind("impact", impact.name())
                    .bind("priority", priority.name())
                    .bind("integration", n.dedupKey().map(DedupKey::integration).orElse(null))
                    .bind("key", n.dedupKey().map(DedupKey::value).orElse(null))
                    .bind("at", Sql.at(at))
                    .bind("suppressed", n.suppressed())
                    .bind("details", toJson(n.details()))
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one());
    return new Incident(
        new IncidentId(id), n.service(), n.summary(), n.source(), IncidentStatus.TRIGGERED,
        n.urgency(), impact, priority, n.dedupKey(), 1, at, at, Optional.empty(), Optional.empty(),
        List.of(), n.suppressed(), n.details());
  }

  @Override
  public Optional<Incident> find(IncidentId id) {
    return db.withHandle(
        h -> h.createQuery("SELECT " + COLUMNS + " FROM incident WHERE id = :id")
            .bind("id", id.value())
            .map((rs, ctx) -> read(rs))
            .findOne());
  }

  @Override
  public Optional<Incident> findOpen(DedupKey key) {
    return db.withHandle(
        h -> h.createQuery(
                "SELECT " + COLUMNS + " FROM incident WHERE integration_id = :integration"
                    + " AND open_dedup_key = :key")
            .bind("integration", key.integration())
            .bind("key", key.value())
            .map((rs, ctx) -> read(rs))
            .findOne());
  }

  @Override
  public void update(Incident i) {
    db.withHandle(
        h -> h.createUpdate(
                "UPDATE incident SET status = :status, urgency = :urgency, priority = :priority,"
                    + " open_dedup_key = :openKey, alert_count = :count, last_event_at = :last,"
                    + " acknowledged_at = :acked, resolved_at = :resolved, assignees = :assignees,"
                    + " suppressed = :suppressed WHERE id = :id")
            .bind("status", i.status().name())
            .bind("urgency", i.urgency().name())
            .bind("priority", i.priority().name())
            .bind("openKey", i.status().isOpen() ? i.dedupKey().map(DedupKey::value).orElse(null) : null)
            .bind("count", i.alertCount())
            .bind("last", Sql.at(i.lastEventAt()))
            .bind("acked", i.acknowledgedAt().map(Sql::at).orElse(null))
            .bind("resolved", i.resolvedAt().map(Sql::at).orElse(null))
            .bind("assignees", String.join(",", i.assignees().stream().map(UserId::value).toList()))
            .bind("suppressed", i.suppressed())
            .bind("id", i.id().value())
            .execute());
  }

  @Override
  public List<Incident> list(IncidentFilter f) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM incident WHERE 1 = 1");
    if (!f.statuses().isEmpty()) {
      sql.append(" AND status IN (<statuses>)");
    }
    if (!f.urgencies().isEmpty()) {
      sql.append(" AND urgency IN (<urgencies>)");
    }
    f.service().ifPresent(s -> sql.append(" AND service_id = :service"));
    f.from().ifPresent(t -> sql.append(" AND created_at >= :from"));
    f.to().ifPresent(t -> sql.append(" AND created_at < :to"));
    f.text().ifPresent(t -> sql.append(" AND LOWER(summary) LIKE :text ESCAPE '\\'"));
    sql.append(" ORDER BY id DESC LIMIT :limit");
    return db.withHandle(
        h -> {
          Query q = h.createQuery(sql.toString()).bind("limit", f.limit());
          if (!f.statuses().isEmpty()) {
            q.bindList("statuses", f.statuses().stream().map(Enum::name).toList());
          }
          if (!f.urgencies().isEmpty()) {
            q.bindList("urgencies", f.urgencies().stream().map(Enum::name).toList());
          }
          f.service().ifPresent(s -> q.bind("service", s.value()));
          f.from().ifPresent(t -> q.bind("from", Sql.at(t)));
          f.to().ifPresent(t -> q.bind("to", Sql.at(t)));
          f.text().ifPresent(t -> q.bind("text", "%" + escapeLike(t.toLowerCase(java.util.Locale.ROOT)) + "%"));
          return q.map((rs, ctx) -> read(rs)).list();
        });
  }

  @Override
  public void appendTimeline(IncidentId id, Instant at, TimelineEntry.Kind kind, String actor, String message) {
    db.withHandle(
        h -> h.createUpdate(
                "INSERT INTO timeline_entry (incident_id, at, kind, actor, message)"
                    + " VALUES (:id, :at, :kind, :actor, :message)")
            .bind("id", id.value())
            .bind("at", Sql.at(at))
            .bind("kind", kind.name())
            .bind("actor", clip(actor, 255))
            .bind("message", clip(message, 4000))
            .execute());
  }

  @Override
  public List<TimelineEntry> timeline(IncidentId id) {
    return db.withHandle(
        h -> h.createQuery(
                "SELECT id, at, kind, actor, message FROM timeline_entry WHERE incident_id = :id ORDER BY id")
            .bind("id", id.value())
            .map((rs, ctx) -> new TimelineEntry(
                rs.getLong("id"), id, Sql.instant(rs, "at"),
                TimelineEntry.Kind.valueOf(rs.getString("kind")), rs.getString("actor"),
                rs.getString("message")))
            .list());
  }

  private static Incident read(ResultSet rs) throws SQLException {
    String integration = rs.getString("integration_id");
    String key = rs.getString("dedup_key");
    String assignees = rs.getString("assignees");
    return new Incident(
        new IncidentId(rs.getLong("id")),
        new ServiceId(rs.getString("service_id")),
        rs.getString("summary"),
        rs.getString("source"),
        IncidentStatus.valueOf(rs.getString("status")),
        Urgency.valueOf(rs.getString("urgency")),
        Level.valueOf(rs.getString("impact")),
        Priority.valueOf(rs.getString("priority")),
        integration == null || key == null ? Optional.empty() : Optional.of(new DedupKey(integration, key)),
        rs.getInt("alert_count"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "last_event_at"),
        Sql.optionalInstant(rs, "acknowledged_at"),
        Sql.optionalInstant(rs, "resolved_at"),
        assignees.isEmpty() ? List.of() : Arrays.stream(assignees.split(",")).map(UserId::new).toList(),
        rs.getBoolean("suppressed"),
        fromJson(rs.getString("details")));
  }

  static String toJson(Map<String, Object> details) {
    try {
      return JSON.writeValueAsString(details);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("details are not serialisable as JSON", e);
    }
  }

  private static Map<String, Object> fromJson(String json) {
    try {
      Map<String, Object> map = JSON.readValue(json, new TypeReference<>() {});
      return java.util.Collections.unmodifiableMap(map);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored incident details are not JSON", e);
    }
  }

  static String clip(String text, int max) {
    return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
