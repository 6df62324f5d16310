package dev.clarion.store.jdbc;

import dev.clarion.incident.IncidentId;
import dev.clarion.runbook.RunId;
import dev.clarion.runbook.RunStatus;
import dev.clarion.runbook.RunStore;
import dev.clarion.runbook.RunbookId;
import dev.clarion.runbook.RunbookRun;
import dev.clarion.user.Role;
import dev.clarion.user.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runbook runs and their succeeded steps in SQL (V7). Maps are stored as key=value lines. */
public final class JdbiRunStore implements RunStore {
  private static final String COLUMNS = "id, runbook_id, incident_id, requester, status, step,"
      + " detail, choices, approver_role, parameters, started_at, ended_at";

  private final Database db;

  public JdbiRunStore(Database db) {
    this.db = db;
  }

  @Override
  public RunbookRun create(RunbookId runbook, Optional<IncidentId> incident, UserId requester,
      Map<String, String> parameters, Instant at) {
    long id = db.withHandle(h -> h.createUpdate("INSERT INTO runbook_run (runbook_id, incident_id,"
                + " requester, status, choices, parameters, started_at) VALUES (:runbook,"
                + " :incident, :requester, :status, '', :parameters, :at)")
        .bind("runbook", runbook.value())
        .bind("incident", incident.map(IncidentId::value).orElse(null))
        .bind("requester", requester.value())
        .bind("status", RunStatus.RUNNING.name())
        .bind("parameters", JdbiIncidentStore.clip(lines(parameters), 4000))
        .bind("at", Sql.at(at))
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one());
    return find(new RunId(id)).orElseThrow();
  }

  @Override
  public Optional<RunbookRun> find(RunId id) {
    return db.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM runbook_run WHERE id = :id")
        .bind("id", id.value()).map((rs, ctx) -> read(rs)).findOne());
  }

  @Override
  public List<RunbookRun> list(Optional<IncidentId> incident, int limit) {
    return db.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM runbook_run"
                + (incident.isPresent() ? " WHERE incident_id = :incident" : "")
                + " ORDER BY id DESC LIMIT :limit")
        .bind("incident", incident.map(IncidentId::value).orElse(0L))
        .bind("limit", limit)
        .map((rs, ctx) -> read(rs)).list());
  }

  @Override
  public void update(RunbookRun run) {
    db.withHandle(h -> h.createUpdate("UPDATE runbook_run SET status = :status, step = :step,"
                + " detail = :detail, choices = :choices, approver_role = :role,"
                + " ended_at = :ended WHERE id = :id")
        .bind("status", run.status().name())
        .bind("step", run.step().map(s -> JdbiIncidentStore.clip(s, 200)).orElse(null))
        .bind("detail", run.detail().map(d -> JdbiIncidentStore.clip(d, 2000)).orElse(null))
        .bind("choices", JdbiIncidentStore.clip(String.join("\n", run.choices()), 2000))
        .bind("role", run.approverRole().map(Role::name).orElse(null))
        .bind("ended", run.endedAt().map(Sql::at).orElse(null))
        .bind("id", run.id().value())
        .execute());
  }

  @Override
  public Optional<Map<String, String>> succeededStep(RunId run, String key) {
    return db.withHandle(h -> h.createQuery(
            "SELECT outputs FROM runbook_step WHERE run_id = :run AND step_key = :key")
        .bind("run", run.value()).bind("key", key)
        .mapTo(String.class).findOne().map(JdbiRunStore::map));
  }

  @Override
  public void recordStep(RunId run, String key, String step, Map<String, String> outputs,
      Instant at) {
    db.withHandle(h -> {
      boolean seen = h.createQuery(
              "SELECT COUNT(*) FROM runbook_step WHERE run_id = :run AND step_key = :key")
          .bind("run", run.value()).bind("key", key).mapTo(Integer.class).one() > 0;
      if (!seen) {
        h.createUpdate("INSERT INTO runbook_step (run_id, step_key, step, outputs, done_at)"
                + " VALUES (:run, :key, :step, :outputs, :at)")
            .bind("run", run.value()).bind("key", JdbiIncidentStore.clip(key, 200))
            .bind("step", JdbiIncidentStore.clip(step, 200))
            .bind("outputs", JdbiIncidentStore.clip(lines(outputs), 8000))
            .bind("at", Sql.at(at))
            .execute();
      }
      return null;
    });
  }

  private static RunbookRun read(ResultSet rs) throws SQLException {
    long incident = rs.getLong("incident_id");
    Optional<IncidentId> on = rs.wasNull() ? Optional.empty() : Optional.of(new IncidentId(incident));
    String choices = rs.getString("choices");
    return new RunbookRun(new RunId(rs.getLong("id")), new RunbookId(rs.getString("runbook_id")),
        on, new UserId(rs.getString("requester")), RunStatus.valueOf(rs.getString("status")),
        Optional.ofNullable(rs.getString("step")), Optional.ofNullable(rs.getString("detail")),
        choices == null || choices.isEmpty() ? List.of() : Arrays.asList(choices.split("\n")),
        Optional.ofNullable(rs.getString("approver_role")).flatMap(Role::parse),
        map(rs.getString("parameters")), Sql.instant(rs, "started_at"),
        Sql.optionalInstant(rs, "ended_at"));
  }

  static String lines(Map<String, String> map) {
    StringBuilder out = new StringBuilder();
    map.forEach((k, v) -> out.append(out.length() == 0 ? "" : "\n").append(k).append('=')
        .append(v.replace("\\", "\\\\").replace("\n", "\\n")));
    return out.toString();
  }

  static Map<String, String> map(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return out;
    }
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        out.put(line.substring(0, eq), unescape(line.substring(eq + 1)));
      }
    }
    return out;
  }

  private static String unescape(String v) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\\' && i + 1 < v.length()) {
        char n = v.charAt(++i);
        out.append(n == 'n' ? '\n' : n);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
