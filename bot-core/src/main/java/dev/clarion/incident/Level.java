package dev.clarion.incident;

import java.util.Locale;
import java.util.Optional;

/** The three levels of the urgency × impact matrix (seed 003, OPS10-BP03). */
public enum Level {
  HIGH,
  MEDIUM,
  LOW;

  public static Optional<Level> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
