package dev.clarion.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarion.problem.Problem;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class TimeTextTest {
  static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z"); // 12:00 in Seoul
  static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

  @Test
  void durationsAsPeopleTypeThem() {
    assertThat(TimeText.duration("d", "30m")).isEqualTo(Duration.ofMinutes(30));
    assertThat(TimeText.duration("d", "1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(TimeText.duration("d", "2D")).isEqualTo(Duration.ofDays(2));
    assertThat(TimeText.duration("d", "45")).isEqualTo(Duration.ofMinutes(45));
    assertThat(TimeText.duration("d", "PT15M")).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void badOrNonPositiveDurationsNameTheField() {
    for (String bad : new String[] {"0", "-5", "soon", "5x", "0m", ""}) {
      assertThatThrownBy(() -> TimeText.duration("duration", bad)).as(bad)
          .isInstanceOfSatisfying(Problem.class,
              p -> assertThat(p.field()).contains("duration"));
    }
  }

  @Test
  void untilTimesAreInTheInvokersZone() {
    assertThat(TimeText.durationOrUntil("until", "18:00", NOW, SEOUL))
        .isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
    assertThat(TimeText.durationOrUntil("until", "09:00", NOW, SEOUL)) // already past: tomorrow
        .isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
    assertThat(TimeText.durationOrUntil("until", "2026-11-24T09:00", NOW, SEOUL))
        .isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
    assertThat(TimeText.durationOrUntil("until", "2026-11-24T09:00Z", NOW, SEOUL))
        .isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
    assertThat(TimeText.durationOrUntil("until", "2h", NOW, SEOUL))
        .isEqualTo(NOW.plus(Duration.ofHours(2)));
  }
}
