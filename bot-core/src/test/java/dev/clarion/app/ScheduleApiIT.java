package dev.clarion.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.store.jdbc.TestDatabases;
import dev.clarion.testkit.SettableClock;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Schedules, overrides, maintenance windows and calendar feeds over HTTP, on a settable clock:
 * the REST endpoints and the oncall/maint catalogue commands as the CLI sends them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduleApiIT {
  // 2026-11-23T03:00Z is a Monday; kim and admin alternate daily at 09:00 UTC from 2026-11-02.
  private final SettableClock clock = SettableClock.atDefaultStart();
  private RunningClarion clarion;
  private String admin;
  private String kim;
  private String viewer;

  @BeforeAll
  void start() {
    String yaml = RunningClarion.standardYaml(TestDatabases.h2Url(), "sa")
        .replace("  - id: checkout\n    impact: high\n",
            "  - id: checkout\n    impact: high\n    maintenance_end: escalate\n")
        + """
        maintenance:
          max_duration_hours: 6
        schedules:
          - id: primary
            name: Primary
            time_zone: UTC
            services: [checkout]
            layers:
              - name: base
                rotation: daily
                start: 2026-11-02
                handoff: "09:00"
                members: [kim, admin]
        """;
    clarion = RunningClarion.start(yaml, clock);
    admin = clarion.token("admin");
    kim = clarion.token("kim");
    viewer = clarion.token("viewer");
  }

  @AfterAll
  void stop() {
    clarion.close();
  }

  private JsonNode command(String line, String token) {
    var r = clarion.post("/api/v1/commands",
        "{\"command\":" + RunningClarion.JSON.valueToTree(line) + "}", token);
    return r.json();
  }

  private String onCall() {
    return clarion.get("/api/v1/schedules/primary/oncall", viewer).json()
        .path("on_call").path(0).asText("nobody");
  }

  @Test
  void whoIsOnCallAndTheFinalShifts() {
    // 21 days after the start at 03:00 is still day 20's turn: even -> kim
    assertThat(onCall()).isEqualTo("kim");
    var before = clarion.get("/api/v1/schedules/primary/oncall?at=2026-11-01T00:00:00Z", viewer);
    assertThat(before.json().path("nobody").asBoolean()).isTrue();
    var shifts = clarion.get("/api/v1/schedules/primary/shifts?from=2026-11-23T00:00:00Z"
        + "&to=2026-11-25T00:00:00Z", viewer).json().path("shifts");
    assertThat(shifts).extracting(s -> s.path("user").asText() + "@" + s.path("start").asText())
        .containsExactly("kim@2026-11-23T00:00:00Z", "admin@2026-11-23T09:00:00Z",
            "kim@2026-11-24T09:00:00Z");
    var reply = command("oncall who", viewer);
    assertThat(reply.path("type").asText()).isEqualTo("oncall");
    assertThat(reply.path("schedules").path(0).path("on_call").asText()).isEqualTo("kim");
    assertThat(reply.path("schedules").path(0).path("until").asText())
        .isEqualTo("2026-11-23T09:00:00Z");
    assertThat(command("oncall who checkout", viewer).path("title").asText())
        .isEqualTo("On call now for service checkout");
    assertThat(command("oncall who nothing", viewer).path("error").path("field").asText())
        .isEqualTo("target");
  }

  @Test
  void overridesAreCreatedEditedRemovedAndAudited() {
    Instant now = clock.instant();
    var created = clarion.post("/api/v1/schedules/primary/overrides",
        "{\"coverer\":\"admin\",\"covers\":\"kim\",\"start\":\"" + now + "\",\"end\":\""
            + now.plus(Duration.ofHours(1)) + "\",\"reason\":\"dentist\"}", kim);
    assertThat(created.status()).isEqualTo(201);
    long id = created.json().path("id").asLong();
    assertThat(onCall()).isEqualTo("admin");

    var edited = clarion.put("/api/v1/overrides/" + id,
        "{\"coverer\":\"viewer\",\"start\":\"" + now + "\",\"end\":\""
            + now.plus(Duration.ofHours(2)) + "\"}", kim);
    assertThat(edited.status()).isEqualTo(200);
    assertThat(onCall()).isEqualTo("viewer");

    assertThat(clarion.delete("/api/v1/overrides/" + id, viewer).status()).isEqualTo(403);
    assertThat(clarion.delete("/api/v1/overrides/" + id, kim).status()).isEqualTo(204);
    assertThat(onCall()).isEqualTo("kim");

    var audit = clarion.get("/api/v1/audit?target=override:" + id, admin).json().path("entries");
    assertThat(audit).extracting(e -> e.path("action").asText())
        .containsExactly("override.remove", "override.edit", "override.create");

    var bad = clarion.post("/api/v1/schedules/primary/overrides",
        "{\"coverer\":\"nobody-here\",\"start\":\"" + now + "\",\"end\":\""
            + now.plus(Duration.ofHours(1)) + "\"}", kim);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("error").path("field").asText()).isEqualTo("coverer");
  }

  @Test
  void coverCommandAndBulkOverrides() {
    var covered = command("oncall cover me 30m", admin);
    assertThat(covered.path("type").asText()).isEqualTo("overrides");
    assertThat(onCall()).isEqualTo("admin");
    long id = covered.path("overrides").path(0).path("id").asLong();
    assertThat(command("oncall uncover " + id, admin).path("headline").asText())
        .isEqualTo("Override " + id + " removed");

    var bulk = clarion.post("/api/v1/schedules/primary/overrides/bulk",
        "{\"coverer\":\"viewer\",\"covers\":\"kim\",\"first_day\":\"2026-12-01\","
            + "\"last_day\":\"2026-12-31\",\"days\":[\"sat\",\"sun\"],\"from\":\"00:00\","
            + "\"to\":\"00:00\"}", kim);
    assertThat(bulk.status()).isEqualTo(201);
    assertThat(bulk.json().path("overrides")).hasSize(8);
    var typo = clarion.post("/api/v1/schedules/primary/overrides/bulk",
        "{\"coverer\":\"viewer\",\"first_day\":\"2026-12-01\",\"last_day\":\"2026-12-31\","
            + "\"days\":[\"sat\"],\"from\":\"00:00\",\"to\":\"00:00\","
            + "\"time_zone\":\"Europe/Berln\"}", kim);
    assertThat(typo.status()).isEqualTo(400);
    assertThat(typo.json().path("error").path("field").asText()).isEqualTo("time_zone");
  }

  @Test
  void maintenanceStartsOnlyAfterConfirmingThePreviewAndEscalatesOnEnd() {
    var preview = command("maint start checkout 30m deploy v2", kim);
    assertThat(preview.path("type").asText()).isEqualTo("maintenance_preview");
    assertThat(preview.path("preview").path("integrations")).extracting(JsonNode::asText)
        .contains("standard", "pagerduty", "alertmanager");
    assertThat(preview.path("confirm_command").asText())
        .isEqualTo("maint start checkout 30m deploy v2 --yes");
    assertThat(clarion.get("/api/v1/maintenance", viewer).json().path("windows")).isEmpty();

    var started = command(preview.path("confirm_command").asText(), kim);
    assertThat(started.path("type").asText()).isEqualTo("maintenance");
    long window = started.path("windows").path(0).path("id").asLong();
    assertThat(started.path("windows").path(0).path("reason").asText()).isEqualTo("deploy v2");

    var alert = clarion.post("/integration/standard/v1/standard-key-123",
        "{\"summary\":\"checkout 5xx during deploy\"}");
    long incident = alert.json().path("incident").asLong();
    assertThat(clarion.get("/api/v1/incidents/" + incident, viewer).json()
        .path("suppressed").asBoolean()).isTrue();

    assertThat(command("maint extend " + window + " 7h", kim).path("error").path("field")
        .asText()).isEqualTo("duration");
    assertThat(command("maint extend " + window + " 30m", kim).path("type").asText())
        .isEqualTo("maintenance");
    var ended = command("maint end " + window, kim);
    assertThat(ended.path("windows").path(0).path("status").asText()).isEqualTo("ended");
    assertThat(clarion.get("/api/v1/incidents/" + incident, viewer).json()
        .path("suppressed").asBoolean()).isFalse();
    assertThat(clarion.get("/api/v1/maintenance/history", viewer).json().path("windows")
        .path(0).path("ended_by").asText()).isEqualTo("user:kim via api");
  }

  @Test
  void whenAWindowRunsOutTheServerEscalatesSuppressedIncidentsOnItsOwn() {
    var started = clarion.post("/api/v1/maintenance",
        "{\"services\":[\"checkout\"],\"duration_minutes\":5,\"reason\":\"failover\"}", kim);
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    long incident = clarion.post("/integration/standard/v1/standard-key-123",
        "{\"summary\":\"checkout during failover\"}").json().path("incident").asLong();
    assertThat(suppressed(incident)).isTrue();

    clock.advance(Duration.ofMinutes(5));
    // the server's periodic sweep (every second) applies checkout's 'escalate' policy
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !suppressed(incident));
    assertThat(clarion.get("/api/v1/incidents/" + incident, viewer).json().path("timeline"))
        .extracting(e -> e.path("kind").asText()).contains("escalated");
  }

  private boolean suppressed(long incident) {
    return clarion.get("/api/v1/incidents/" + incident, viewer).json().path("suppressed")
        .asBoolean();
  }

  @Test
  void badMaintenanceInputIsRefusedWithTheField() {
    var unknown = clarion.post("/api/v1/maintenance",
        "{\"services\":[\"checkuot\"],\"duration_minutes\":15}", kim);
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().path("error").path("field").asText()).isEqualTo("service");
    var negative = clarion.post("/api/v1/maintenance",
        "{\"services\":[\"tools\"],\"duration_minutes\":-15}", kim);
    assertThat(negative.json().path("error").path("field").asText()).isEqualTo("duration");
    var viewerTry = clarion.post("/api/v1/maintenance",
        "{\"services\":[\"tools\"],\"duration_minutes\":15}", viewer);
    assertThat(viewerTry.status()).isEqualTo(403);
  }

  @Test
  void calendarFeedsAreSecretUrlsThatParseAsICalendar() throws Exception {
    var feed = clarion.post("/api/v1/schedules/primary/feed", "", viewer);
    assertThat(feed.status()).isEqualTo(201);
    var ics = clarion.get(feed.json().path("path").asText(), null);
    assertThat(ics.status()).isEqualTo(200);
    assertThat(ics.header("Content-Type")).startsWith("text/calendar");
    Calendar calendar = new CalendarBuilder().build(new StringReader(ics.body()));
    assertThat(calendar.getComponents("VEVENT")).isNotEmpty();

    var mine = clarion.post("/api/v1/users/kim/feed", "", kim);
    String body = clarion.get(mine.json().path("path").asText(), null).body();
    assertThat(List.of(body.split("\r\n"))).filteredOn(l -> l.startsWith("SUMMARY:"))
        .isNotEmpty().allMatch(l -> l.contains("kim"));
    assertThat(clarion.post("/api/v1/users/kim/feed", "", viewer).status()).isEqualTo(403);
    assertThat(clarion.get("/ical/cal_forged.ics", null).status()).isEqualTo(404);
  }
}
