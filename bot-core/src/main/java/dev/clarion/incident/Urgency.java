package dev.clarion.incident;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How fast someone must react, with the AlertNow Standard API's six values. For the priority matrix
 * they collapse to three levels: highest/high, medium, low/lowest/none.
 */
public enum Urgency {
  HIGHEST,
  HIGH,
  MEDIUM,
  LOW,
  LOWEST,
  NONE;

  public static Optional<Urgency> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String wanted = text.trim().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(u -> u.name().equals(wanted)).findFirst();
  }

  public static String allowedValues() {
    return Arrays.stream(values()).map(Urgency::label).collect(Collectors.joining("|"));
  }

  public Level level() {
    return switch (this) {
      case HIGHEST, HIGH -> Level.HIGH;
      case MEDIUM -> Level.MEDIUM;
      case LOW, LOWEST, NONE -> Level.LOW;
    };
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
