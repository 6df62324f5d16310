package dev.clarion.maintenance;

import java.util.Locale;
import java.util.Optional;

/**
 * What happens to a service's still-open suppressed incidents when its maintenance window ends:
 * they stay quiet (visible, never paged), or escalation starts for them now.
 */
public enum EndPolicy {
  QUIET,
  ESCALATE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<EndPolicy> parse(String text) {
    for (EndPolicy p : values()) {
      if (p.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
