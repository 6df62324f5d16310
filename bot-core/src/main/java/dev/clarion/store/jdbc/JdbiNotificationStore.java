package dev.clarion.store.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarion.incident.IncidentId;
import dev.clarion.notification.Lane;
import dev.clarion.notification.NewNotification;
import dev.clarion.notification.Notification;
import dev.clarion.notification.NotificationId;
import dev.clarion.notification.NotificationStatus;
import dev.clarion.notification.NotificationStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The notification outbox in SQL. {@link #due} locks with {@code FOR UPDATE SKIP LOCKED}, which
 * PostgreSQL and H2 2.x both understand: concurrent workers (threads or nodes) skip each other's
 * rows instead of waiting, and the lease keeps a row away from others once the lock is released.
 * H2 locks every row the query matched rather than only those within the LIMIT, so a second H2
 * worker skips more than it must; harmless, as H2 is the single-node database.
 */
public final class JdbiNotificationStore implements NotificationStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS =
      "n.id, n.idempotency_key, n.incident_id, n.channel, n.destination, n.event, n.lane,"
          + " n.status, n.locale, n.time_zone, n.fields, n.attempts, n.throttles, n.created_at,"
          + " n.not_before, n.delivered_at, n.message_ref, n.last_error";
  private final Database db;

  public JdbiNotificationStore(Database db) {
    this.db = db;
  }

  @Override
  public boolean enqueue(NewNotification n, Instant at) {
    return db.withHandle(h -> h.createUpdate(
            "INSERT INTO notification (idempotency_key, incident_id, channel, destination,"
                + " message_key, event, lane, status, locale, time_zone, fields, attempts,"
                + " throttles, created_at, not_before)"
                + " SELECT :key, :incident, :channel, :destination, :messageKey, :event, :lane,"
                + " 'PENDING', :locale, :zone, :fields, 0, 0, :at, :at"
                + " WHERE NOT EXISTS (SELECT 1 FROM notification WHERE idempotency_key = :key)")
        .bind("key", n.key())
        .bind("incident", n.incident().value())
        .bind("channel", n.channel())
        .bind("destination", n.destination())
        .bind("messageKey", n.messageKey())
        .bind("event", n.event())
        .bind("lane", (short) n.lane().ordinal())
        .bind("locale", n.locale().toLanguageTag())
        .bind("zone", n.zone().getId())
        .bind("fields", write(n.fields()))
        .bind("at", Sql.at(at))
        .execute()) == 1;
  }

  @Override
  public boolean supersede(Notification update) {
    return db.withHandle(h -> h.createUpdate(
            "UPDATE notification SET status = 'COALESCED' WHERE id = :id AND status = 'PENDING'"
                + " AND EXISTS (SELECT 1 FROM notification p WHERE p.message_key = :messageKey"
                + " AND p.lane = :lane AND p.status = 'PENDING' AND p.id > :id)")
        .bind("id", update.id().value())
        .bind("messageKey", update.messageKey())
        .bind("lane", (short) Lane.UPDATE.ordinal())
        .execute()) == 1;
  }

  @Override
  public List<Notification> due(Instant now, int limit) {
    return db.withHandle(h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM notification n"
                + " WHERE n.status = 'PENDING' AND n.not_before <= :now"
                + " AND (n.lease_until IS NULL OR n.lease_until <= :now)"
                + " AND NOT EXISTS (SELECT 1 FROM notification p WHERE p.message_key ="
                + " n.message_key AND p.status = 'PENDING' AND p.id < n.id)"
                + " ORDER BY n.lane, n.id LIMIT :limit FOR UPDATE SKIP LOCKED")
        .bind("now", Sql.at(now))
        .bind("limit", limit)
        .map((rs, ctx) -> map(rs))
        .list());
  }

  @Override
  public void lease(NotificationId id, Instant until) {
    update("UPDATE notification SET lease_until = :at WHERE id = :id", id, until);
  }

  @Override
  public void markDelivered(NotificationId id, Instant at, String messageRef) {
    db.withHandle(h -> h.createUpdate(
            "UPDATE notification SET status = 'DELIVERED', delivered_at = :at, message_ref = :ref,"
                + " lease_until = NULL WHERE id = :id")
        .bind("at", Sql.at(at))
        .bind("ref", JdbiIncidentStore.clip(messageRef, 1000))
        .bind("id", id.value())
        .execute());
  }

  @Override
  public void retryAt(NotificationId id, Instant notBefore, boolean failed, String reason) {
    String counter = failed ? "attempts = attempts + 1" : "throttles = throttles + 1";
    db.withHandle(h -> h.createUpdate(
            "UPDATE notification SET " + counter + ", not_before = :at, lease_until = NULL,"
                + " last_error = :error WHERE id = :id")
        .bind("at", Sql.at(notBefore))
        .bind("error", JdbiIncidentStore.clip(reason, 2000))
        .bind("id", id.value())
        .execute());
  }

  @Override
  public void markDead(NotificationId id, Instant at, String reason) {
    db.withHandle(h -> h.createUpdate(
            "UPDATE notification SET status = 'DEAD', attempts = attempts + 1, delivered_at = NULL,"
                + " lease_until = NULL, not_before = :at, last_error = :error WHERE id = :id")
        .bind("at", Sql.at(at))
        .bind("error", JdbiIncidentStore.clip(reason, 2000))
        .bind("id", id.value())
        .execute());
  }

  @Override
  public Optional<String> firstMessageRef(String messageKey) {
    return db.withHandle(h -> h.createQuery(
            "SELECT message_ref FROM notification WHERE message_key = :key"
                + " AND status = 'DELIVERED' AND message_ref IS NOT NULL ORDER BY id LIMIT 1")
        .bind("key", messageKey)
        .mapTo(String.class)
        .findOne());
  }

  @Override
  public Optional<Notification> find(NotificationId id) {
    return db.withHandle(h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM notification n WHERE n.id = :id")
        .bind("id", id.value())
        .map((rs, ctx) -> map(rs))
        .findOne());
  }

  @Override
  public List<Notification> firstPages(IncidentId incident) {
    return db.withHandle(h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM notification n WHERE n.incident_id = :incident"
                + " AND n.lane = :page AND n.status <> 'DEAD' AND NOT EXISTS (SELECT 1 FROM"
                + " notification e WHERE e.message_key = n.message_key AND e.lane = :page"
                + " AND e.status <> 'DEAD' AND e.id < n.id) ORDER BY n.id")
        .bind("incident", incident.value())
        .bind("page", (short) Lane.PAGE.ordinal())
        .map((rs, ctx) -> map(rs))
        .list());
  }

  @Override
  public List<Notification> dead(int limit) {
    return db.withHandle(h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM notification n WHERE n.status = 'DEAD'"
                + " ORDER BY n.id DESC LIMIT :limit")
        .bind("limit", limit)
        .map((rs, ctx) -> map(rs))
        .list());
  }

  @Override
  public long count(NotificationStatus status) {
    return db.withHandle(h -> h.createQuery(
            "SELECT COUNT(*) FROM notification WHERE status = :status")
        .bind("status", status.name())
        .mapTo(Long.class)
        .one());
  }

  @Override
  public List<Notification> forIncident(IncidentId incident) {
    return db.withHandle(h -> h.createQuery(
            "SELECT " + COLUMNS + " FROM notification n WHERE n.incident_id = :incident"
                + " ORDER BY n.id")
        .bind("incident", incident.value())
        .map((rs, ctx) -> map(rs))
        .list());
  }

  private void update(String sql, NotificationId id, Instant at) {
    db.withHandle(h -> h.createUpdate(sql).bind("at", Sql.at(at)).bind("id", id.value()).execute());
  }

  private static Notification map(ResultSet rs) throws SQLException {
    return new Notification(
        new NotificationId(rs.getLong("id")),
        rs.getString("idempotency_key"),
        new IncidentId(rs.getLong("incident_id")),
        rs.getString("channel"),
        rs.getString("destination"),
        rs.getString("event"),
        Lane.values()[rs.getShort("lane")],
        NotificationStatus.valueOf(rs.getString("status")),
        Locale.forLanguageTag(rs.getString("locale")),
        ZoneId.of(rs.getString("time_zone")),
        read(rs.getString("fields")),
        rs.getInt("attempts"),
        rs.getInt("throttles"),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "not_before"),
        Sql.optionalInstant(rs, "delivered_at"),
        Optional.ofNullable(rs.getString("message_ref")),
        Optional.ofNullable(rs.getString("last_error")));
  }

  private static String write(Map<String, String> fields) {
    try {
      return JSON.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("fields are not serialisable", e);
    }
  }

  private static Map<String, String> read(String json) {
    try {
      return JSON.readValue(json, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored notification fields are not JSON", e);
    }
  }
}
