package dev.clarion.plugins.telegram;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Telegram's "about 20 messages a minute in one group". The core's {@code RateLimits} has one
 * per-destination rate, which must be the 1/s of private chats; so groups (negative chat ids)
 * get this second window here, and {@code deliver} answers {@code RetryAfter} instead of letting
 * Telegram answer 429.
 */
final class GroupPace {
  static final int PER_WINDOW = 20;
  static final Duration WINDOW = Duration.ofMinutes(1);

  private final Clock clock;
  private final Map<Long, Deque<Instant>> sent = new HashMap<>();

  GroupPace(Clock clock) {
    this.clock = clock;
  }

  /** How long to wait before the next message to {@code chatId}; empty: send now. */
  synchronized Optional<Duration> waitFor(long chatId) {
    if (chatId >= 0) {
      return Optional.empty();
    }
    Deque<Instant> times = sent.get(chatId);
    if (times == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) {
      times.removeFirst();
    }
    if (times.size() < PER_WINDOW) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, times.peekFirst().plus(WINDOW)));
  }

  /** Notes a message Telegram accepted. */
  synchronized void sent(long chatId) {
    if (chatId < 0) {
      sent.computeIfAbsent(chatId, c -> new ArrayDeque<>()).addLast(clock.instant());
    }
  }
}
