package dev.clarion.notification;

import dev.clarion.api.RateLimits;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A token bucket whose tokens come back one window after the call that spent them has finished: at
 * most {@code permits} calls can reach the platform within any window of length {@code per}, as the
 * platform counts them, bursts allowed. Two details make that exact. A classic continuously
 * refilling bucket of {@code permits} tokens lets up to {@code 2 × permits − 1} calls through in one
 * window, which is how senders end up with 429s. And a call's arrival at the platform is somewhere
 * between taking the token and getting the answer, so a token only starts its way back when the
 * answer is in ({@link Permit#release}).
 */
final class SlidingWindowLimiter {
  /** One spent token. */
  final class Permit {
    private Instant releasedAt;

    /** The call finished (answered or failed) at {@code at}; later calls change nothing. */
    void release(Instant at) {
      synchronized (SlidingWindowLimiter.this) {
        if (releasedAt == null) {
          releasedAt = at;
        }
      }
    }
  }

  private final RateLimits.Rate rate;
  private final Clock clock;
  private final List<Permit> spent = new ArrayList<>();

  SlidingWindowLimiter(RateLimits.Rate rate, Clock clock) {
    this.rate = rate;
    this.clock = clock;
  }

  synchronized boolean available() {
    Instant windowStart = clock.instant().minus(rate.per());
    spent.removeIf(p -> p.releasedAt != null && !p.releasedAt.isAfter(windowStart));
    return spent.size() < rate.permits();
  }

  /** Spends one token; call only after {@link #available()} said yes. */
  synchronized Permit take() {
    Permit permit = new Permit();
    spent.add(permit);
    return permit;
  }
}
