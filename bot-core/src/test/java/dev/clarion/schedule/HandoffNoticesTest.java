package dev.clarion.schedule;

import static dev.clarion.schedule.LayerTest.UTC;
import static dev.clarion.schedule.LayerTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.testkit.SettableClock;
import dev.clarion.user.UserId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandoffNoticesTest {
  final SettableClock clock = new SettableClock(at("2026-01-05T08:00", UTC));
  final ScheduleService service =
      new ScheduleService(List.of(ScheduleTest.twoLayers()), new InMemoryOverrideStore(),
          Fakes.users("a", "b", "c", "d", "e"), new Fakes.Audit(), Fakes.DIRECT, clock,
          Duration.ofDays(31));
  final HandoffNotices notices = new HandoffNotices(service, clock);

  static String show(Handoff h) {
    return h.at() + " " + h.from().map(UserId::value).orElse("-") + ">"
        + h.to().map(UserId::value).orElse("-");
  }

  @Test
  void eachHandoffIsReportedOnceIncludingOneExactlyAtThePollTime() {
    assertThat(notices.poll()).isEmpty();
    clock.set(at("2026-01-05T09:00", UTC));
    assertThat(notices.poll()).extracting(HandoffNoticesTest::show)
        .containsExactly("2026-01-05T09:00:00Z ->c");
    assertThat(notices.poll()).isEmpty();
    clock.set(at("2026-01-06T10:00", UTC));
    assertThat(notices.poll()).extracting(HandoffNoticesTest::show).containsExactly(
        "2026-01-05T18:00:00Z c>a", "2026-01-06T09:00:00Z a>d");
  }

  @Test
  void afterALongPauseOnlyTheLastDayIsReported() {
    clock.set(at("2026-01-20T10:00", UTC));
    assertThat(notices.poll()).allMatch(h -> !h.at().isBefore(at("2026-01-19T10:00", UTC)))
        .isNotEmpty();
  }
}
