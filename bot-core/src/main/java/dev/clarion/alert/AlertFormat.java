package dev.clarion.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The wire formats Clarion accepts, each with its own endpoint. */
public enum AlertFormat {
  STANDARD,
  PAGERDUTY,
  ALERTMANAGER,
  GRAFANA,
  CLOUDWATCH;

  public static Optional<AlertFormat> parse(String text) {
    return Arrays.stream(values()).filter(f -> f.label().equalsIgnoreCase(text.trim())).findFirst();
  }

  public static String allowedValues() {
    return Arrays.stream(values()).map(AlertFormat::label).collect(Collectors.joining("|"));
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
