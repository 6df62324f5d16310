package dev.clarion.notification;

import dev.clarion.api.RateLimits;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * A token bucket that refills its tokens one window after each was spent: at most {@code permits}
 * grants in any window of length {@code per}, bursts allowed. A classic continuously refilling
 * bucket of {@code permits} tokens lets up to {@code 2 × permits − 1} calls through in one window,
 * which is exactly how platforms end up answering 429; this one cannot exceed the documented limit.
 * Not thread-safe: the delivery worker owns it.
 */
final class SlidingWindowLimiter {
  private final RateLimits.Rate rate;
  private final Clock clock;
  private final ArrayDeque<Instant> spent = new ArrayDeque<>();

  SlidingWindowLimiter(RateLimits.Rate rate, Clock clock) {
    this.rate = rate;
    this.clock = clock;
  }

  boolean available() {
    Instant now = clock.instant();
    Instant windowStart = now.minus(rate.per());
    while (!spent.isEmpty() && !spent.peekFirst().isAfter(windowStart)) {
      spent.pollFirst();
    }
    return spent.size() < rate.permits();
  }

  /** Spends one token; call only after {@link #available()} said yes. */
  void take() {
    spent.addLast(clock.instant());
  }
}
