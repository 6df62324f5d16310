package dev.clarion.store.jdbc;

import dev.clarion.escalation.NotificationLog;
import dev.clarion.escalation.StepKey;
import dev.clarion.incident.IncidentId;
import dev.clarion.user.UserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Escalation pages in SQL; the unique index on the step key makes a duplicate run fail. */
public final class JdbiNotificationLog implements NotificationLog {
  private final Database db;

  public JdbiNotificationLog(Database db) {
    this.db = db;
  }

  @Override
  public Optional<List<UserId>> find(StepKey key) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT recipients FROM escalation_page WHERE incident_id = :incident"
                        + " AND run_id = :run AND step = :step AND round = :round")
                .bind("incident", key.incident().value())
                .bind("run", key.run())
                .bind("step", key.step())
                .bind("round", key.round())
                .mapTo(String.class)
                .findOne()
                .map(JdbiNotificationLog::users));
  }

  @Override
  public void record(StepKey key, List<UserId> recipients, Instant at) {
    db.withHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO escalation_page (incident_id, run_id, step, round, recipients,"
                        + " paged_at) VALUES (:incident, :run, :step, :round, :recipients, :at)")
                .bind("incident", key.incident().value())
                .bind("run", key.run())
                .bind("step", key.step())
                .bind("round", key.round())
                .bind("recipients", String.join(",", recipients.stream().map(UserId::value).toList()))
                .bind("at", Sql.at(at))
                .execute());
  }

  @Override
  public Set<UserId> paged(IncidentId incident) {
    Set<UserId> all = new LinkedHashSet<>();
    db.withHandle(
            h ->
                h.createQuery(
                        "SELECT recipients FROM escalation_page WHERE incident_id = :incident"
                            + " ORDER BY id")
                    .bind("incident", incident.value())
                    .mapTo(String.class)
                    .list())
        .forEach(r -> all.addAll(users(r)));
    return all;
  }

  private static List<UserId> users(String text) {
    return Arrays.stream(text.split(",")).filter(s -> !s.isBlank()).map(UserId::new).toList();
  }
}
