package dev.clarion.alert;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-integration token buckets: a noisy sender is told to back off (429 + Retry-After) before it can
 * crowd out the others. Refills continuously at {@code perSecond}, holds at most {@code burst}.
 */
public final class IngestQuota {
  /** A sustained rate and how much may arrive at once. */
  public record Rate(double perSecond, int burst) {
    public static final Rate DEFAULT = new Rate(50, 500);

    public Rate {
      if (perSecond <= 0 || burst < 1) {
        throw new IllegalArgumentException("rate must be positive and burst at least 1");
      }
    }
  }

  private final Clock clock;
  private final Map<IntegrationId, Bucket> buckets = new ConcurrentHashMap<>();

  public IngestQuota(Clock clock) {
    this.clock = clock;
  }

  /**
   * Takes {@code count} tokens. Returns zero when allowed, else how long until that many would be
   * available (and takes nothing).
   */
  public Duration take(Integration integration, int count) {
    Bucket bucket =
        buckets.computeIfAbsent(integration.id(), id -> new Bucket(integration.rate(), nowNanos()));
    return bucket.take(count, nowNanos());
  }

  private long nowNanos() {
    var now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private static final class Bucket {
    private final Rate rate;
    private double tokens;
    private long last;

    Bucket(Rate rate, long now) {
      this.rate = rate;
      this.tokens = rate.burst();
      this.last = now;
    }

    synchronized Duration take(int count, long now) {
      double elapsedSeconds = Math.max(0, now - last) / 1e9;
      tokens = Math.min(rate.burst(), tokens + elapsedSeconds * rate.perSecond());
      last = now;
      if (tokens >= count) {
        tokens -= count;
        return Duration.ZERO;
      }
      double missing = Math.min(count, rate.burst()) - tokens;
      return Duration.ofMillis((long) Math.ceil(missing / rate.perSecond() * 1000));
    }
  }
}
