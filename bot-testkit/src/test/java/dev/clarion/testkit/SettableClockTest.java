package dev.clarion.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SettableClockTest {
  @Test
  void advancingMovesEveryViewOfTheClock() {
    SettableClock clock = SettableClock.atDefaultStart();
    var seoul = clock.withZone(ZoneId.of("Asia/Seoul"));

    clock.advance(Duration.ofMinutes(15));

    assertThat(clock.instant()).hasToString("2026-11-23T03:15:00Z");
    assertThat(seoul.instant()).isEqualTo(clock.instant());
    assertThat(seoul.getZone()).isEqualTo(ZoneId.of("Asia/Seoul"));
  }
}
