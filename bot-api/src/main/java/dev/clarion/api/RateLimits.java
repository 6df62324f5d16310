package dev.clarion.api;

import java.time.Duration;
import java.util.Objects;

/**
 * A channel's limits: one for everything it sends and one per destination (channel, chat, URL).
 *
 * @param global across all destinations of this channel
 * @param perDestination for each destination on its own
 */
public record RateLimits(Rate global, Rate perDestination) {
  public RateLimits {
    Objects.requireNonNull(global);
    Objects.requireNonNull(perDestination);
  }

  /** {@code permits} messages every {@code per}, with bursts of up to {@code permits}. */
  public record Rate(int permits, Duration per) {
    public Rate {
      if (permits < 1) {
        throw new IllegalArgumentException("permits must be at least 1, got " + permits);
      }
      if (per.isNegative() || per.isZero()) {
        throw new IllegalArgumentException("per must be positive, got " + per);
      }
    }

    public static Rate perSecond(int permits) {
      return new Rate(permits, Duration.ofSeconds(1));
    }
  }
}
