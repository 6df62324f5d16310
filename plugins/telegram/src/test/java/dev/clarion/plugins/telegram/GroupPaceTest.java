package dev.clarion.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.testkit.SettableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GroupPaceTest {
  private final SettableClock clock = SettableClock.atDefaultStart();
  private final GroupPace pace = new GroupPace(clock);

  @Test
  void aGroupGetsTwentyMessagesPerMinuteThenWaitsForTheOldestToAgeOut() {
    for (int i = 0; i < GroupPace.PER_WINDOW; i++) {
      assertThat(pace.waitFor(-100)).isEmpty();
      pace.sent(-100);
      clock.advance(Duration.ofSeconds(2));
    }
    // 20 sent over 40 s: the first leaves the window 20 s from now.
    assertThat(pace.waitFor(-100)).contains(Duration.ofSeconds(20));
    assertThat(pace.waitFor(-200)).isEmpty();
    clock.advance(Duration.ofSeconds(20));
    assertThat(pace.waitFor(-100)).isEmpty();
  }

  @Test
  void privateChatsAreLeftToTheCoresPerChatLimit() {
    for (int i = 0; i < 50; i++) {
      pace.sent(42);
    }
    assertThat(pace.waitFor(42)).isEmpty();
  }
}
