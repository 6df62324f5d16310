package dev.clarion.notification;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try again after a failed attempt, and when to give up. Backoff doubles from
 * {@code firstBackoff} up to {@code maxBackoff}, with "equal jitter" (half fixed, half random) so
 * a destination coming back is not hit by every queued message at the same instant, while the wait
 * never falls below half the nominal delay.
 */
public record DeliveryPolicy(int maxAttempts, Duration firstBackoff, Duration maxBackoff) {
  /** Twenty attempts with a five-minute cap keep trying for well over an hour. */
  public static final DeliveryPolicy DEFAULT =
      new DeliveryPolicy(20, Duration.ofSeconds(1), Duration.ofMinutes(5));

  public DeliveryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** The nominal (jitter-free) delay after the {@code attempt}-th failure (1-based). */
  public Duration nominal(int attempt) {
    int doublings = Math.min(Math.max(attempt - 1, 0), 30);
    long millis = firstBackoff.toMillis() << doublings;
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }

  public Duration backoff(int attempt, RandomGenerator random) {
    long nominal = nominal(attempt).toMillis();
    long half = nominal / 2;
    return Duration.ofMillis(nominal - half + (half == 0 ? 0 : random.nextLong(half + 1)));
  }

  public boolean exhausted(int attempts) {
    return attempts >= maxAttempts;
  }
}
