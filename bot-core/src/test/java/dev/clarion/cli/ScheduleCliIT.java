package dev.clarion.cli;

import static dev.clarion.cli.CliRun.clarion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.app.RunningClarion;
import dev.clarion.store.jdbc.TestDatabases;
import dev.clarion.testkit.SettableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** oncall and maint from the command line: the same catalogue, rendered as text. */
class ScheduleCliIT {
  private static RunningClarion clarion;
  private static String url;
  private static String kim;

  @BeforeAll
  static void start() {
    clarion = RunningClarion.start(RunningClarion.standardYaml(TestDatabases.h2Url(), "sa")
        + """
        schedules:
          - id: primary
            name: Primary
            layers:
              - name: base
                rotation: daily
                start: 2026-11-02
                members: [kim, admin]
          - id: daytime
            name: Daytime
            layers:
              - name: base
                rotation: weekly
                start: 2026-11-02
                members: [admin]
                restrictions:
                  - from: "10:00"
                    to: "17:00"
        """, SettableClock.atDefaultStart());
    url = clarion.base().toString();
    kim = clarion.token("kim");
  }

  @AfterAll
  static void stop() {
    clarion.close();
  }

  @Test
  void whoSaysNobodyWhereNobodyIsOnCall() {
    CliRun who = clarion("oncall", "who", "--server", url, "--token", kim);
    assertThat(who.exit()).as(who.toString()).isZero();
    assertThat(who.out()).containsPattern("Primary +kim until 2026-11-23T09:00:00Z")
        .containsPattern("Daytime +nobody is on call");
  }

  @Test
  void maintStartShowsThePreviewUntilConfirmed() {
    CliRun preview = clarion("maint", "start", "tools", "15m", "cli test", "--server", url,
        "--token", kim);
    assertThat(preview.exit()).as(preview.toString()).isZero();
    assertThat(preview.out()).contains("Nothing changed yet")
        .contains("maint start tools 15m cli test --yes");

    CliRun started = clarion("maint", "start", "tools", "15m", "cli test", "--yes", "--server",
        url, "--token", kim);
    assertThat(started.out()).contains("started for 15m").contains("active");

    CliRun list = clarion("maint", "list", "--server", url, "--token", kim);
    assertThat(list.out()).contains("[\"tools\"]").contains("cli test");

    CliRun bad = clarion("maint", "extend", "999", "5m", "--server", url, "--token", kim);
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("no maintenance window #999");
  }
}
