package dev.clarion.api;

import java.time.Duration;
import java.util.Objects;

/** How one delivery attempt went. */
public sealed interface DeliveryResult {
  /** The platform took the message; {@code ref} lets later state changes edit it. */
  record Delivered(MessageRef ref) implements DeliveryResult {
    public Delivered {
      Objects.requireNonNull(ref);
    }
  }

  /** The platform said "not now" (HTTP 429 with Retry-After): try again after exactly {@code wait}. */
  record RetryAfter(Duration delay) implements DeliveryResult {
    public RetryAfter {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("negative delay " + delay);
      }
    }
  }

  /**
   * The attempt failed. {@code permanent}: retrying cannot help (bad request, unknown chat), so the
   * notification goes to the dead letters at once; otherwise it is retried with backoff.
   */
  record Failed(boolean permanent, String reason) implements DeliveryResult {
    public Failed {
      Objects.requireNonNull(reason);
    }
  }

  static DeliveryResult delivered(String ref) {
    return new Delivered(new MessageRef(ref));
  }

  static DeliveryResult retryAfter(Duration wait) {
    return new RetryAfter(wait);
  }

  static DeliveryResult transientFailure(String reason) {
    return new Failed(false, reason);
  }

  static DeliveryResult permanentFailure(String reason) {
    return new Failed(true, reason);
  }
}
