package dev.clarion.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarion.config.ClarionConfig;
import dev.clarion.config.ConfigException;
import dev.clarion.config.ConfigLoader;
import dev.clarion.maintenance.EndPolicy;
import dev.clarion.service.ServiceId;
import dev.clarion.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleConfigTest {
  static final String PEOPLE =
      """
      services:
        - id: checkout
          maintenance_end: escalate
        - id: tools
      users:
        - id: kim
          email: kim@example.com
        - id: lee
          email: lee@example.com
        - id: park
          email: park@example.com
      """;

  static ClarionConfig parse(String yaml) {
    return ConfigLoader.parse(PEOPLE + yaml, "clarion.yml", Map.of());
  }

  @Test
  void readsSchedulesWithLayersMembersAndRestrictions() {
    ClarionConfig config =
        parse(
            """
            maintenance:
              max_duration_hours: 8
            oncall:
              max_override_days: 14
            schedules:
              - id: primary
                name: Primary
                time_zone: Europe/Berlin
                services: [checkout]
                layers:
                  - name: base
                    rotation: weekly
                    start: 2026-01-05
                    handoff: "10:00"
                    members: [kim, lee]
                  - name: business
                    rotation: 12h
                    start: 2026-01-05
                    time_zone: America/New_York
                    members:
                      - park
                      - user: kim
                        from: 2026-02-01T09:00
                    restrictions:
                      - days: [weekdays]
                        from: "09:00"
                        to: "18:00"
            """);
    Schedule s = config.schedules().get(0);
    assertThat(s.id()).isEqualTo(new ScheduleId("primary"));
    assertThat(s.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(s.services()).containsExactly(new ServiceId("checkout"));
    Layer base = s.layers().get(0);
    assertThat(base.rotation()).isEqualTo(Rotation.weekly());
    assertThat(base.handoff()).isEqualTo(LocalTime.of(10, 0));
    assertThat(base.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    Layer business = s.layers().get(1);
    assertThat(business.rotation()).isEqualTo(Rotation.everyHours(12));
    assertThat(business.zone()).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(business.members()).extracting(Member::user)
        .containsExactly(new UserId("park"), new UserId("kim"));
    assertThat(business.members().get(1).from())
        .contains(Instant.parse("2026-02-01T14:00:00Z"));
    assertThat(business.restrictions())
        .containsExactly(Restriction.weekdays(LocalTime.of(9, 0), LocalTime.of(18, 0)));
    assertThat(config.maintenance().maxDuration()).isEqualTo(Duration.ofHours(8));
    assertThat(config.onCall().maxOverride()).isEqualTo(Duration.ofDays(14));
    assertThat(config.maintenance().endPolicy(new ServiceId("checkout")))
        .isEqualTo(EndPolicy.ESCALATE);
    assertThat(config.maintenance().endPolicy(new ServiceId("tools"))).isEqualTo(EndPolicy.QUIET);
  }

  @Test
  void mistakesAreReportedWithTheirLineAndAHint() {
    assertThatThrownBy(
            () ->
                parse(
                    """
                    schedules:
                      - id: primary
                        time_zone: Europe/Berln
                        services: [checkuot]
                        layers:
                          - name: base
                            rotation: fortnightly
                            start: 2026-13-01
                            members: [kim, leee]
                            restrictions:
                              - days: [funday]
                                from: "9am"
                                to: "18:00"
                    """))
        .isInstanceOf(ConfigException.class)
        .message()
        .contains("clarion.yml:15:")
        .contains("unknown time zone 'Europe/Berln' (did you mean 'Europe/Berlin'")
        .contains("unknown service 'checkuot' (did you mean 'checkout'?)")
        .contains("unknown rotation 'fortnightly'")
        .contains("expected a date like 2026-01-05, found '2026-13-01'")
        .contains("unknown user 'leee' (did you mean 'lee'?)")
        .contains("unknown day 'funday'")
        .contains("expected a time like 09:00, found '9am'");
  }

  @Test
  void aScheduleNeedsLayersAndAKnownMaintenancePolicy() {
    assertThatThrownBy(
            () ->
                ConfigLoader.parse(
                    """
                    services:
                      - id: checkout
                        maintenance_end: shout
                    schedules:
                      - id: primary
                    """,
                    "clarion.yml", Map.of()))
        .isInstanceOf(ConfigException.class)
        .message()
        .contains("unknown maintenance_end policy 'shout' (use quiet|escalate)")
        .contains("schedules[0].layers: required but missing");
  }

  @Test
  void theShippedExampleHasASchedule() {
    ClarionConfig demo = ConfigLoader.load(java.nio.file.Path.of("..", "config", "clarion.yml"),
        Map.of());
    assertThat(demo.schedules()).extracting(s -> s.id().value()).containsExactly("platform");
    assertThat(demo.schedules().get(0).layers()).hasSize(2);
    assertThat(demo.maintenance().endPolicy(new ServiceId("checkout")))
        .isEqualTo(EndPolicy.ESCALATE);
  }

  @Test
  void noSchedulesSectionMeansNoSchedules() {
    assertThat(ConfigLoader.parse(PEOPLE, "clarion.yml", Map.of()).schedules()).isEqualTo(List.of());
  }
}
