package dev.clarion.config;

import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean …?" for typos in keys, enum values, ids and time zones. */
final class Suggestions {
  /** How many single-character edits still count as a typo rather than a different word. */
  static final int MAX_DISTANCE = 2;

  private Suggestions() {}

  /** The candidate closest to {@code input}, if it is within {@link #MAX_DISTANCE} edits. */
  static Optional<String> closest(String input, Collection<String> candidates) {
    String wanted = input.toLowerCase(Locale.ROOT);
    return candidates.stream()
        .filter(c -> distance(wanted, c.toLowerCase(Locale.ROOT)) <= MAX_DISTANCE)
        .min(
            Comparator.comparingInt((String c) -> distance(wanted, c.toLowerCase(Locale.ROOT)))
                .thenComparing(Comparator.naturalOrder()));
  }

  /** {@code " (did you mean 'x'?)"}, or empty when nothing is close. */
  static String didYouMean(String input, Collection<String> candidates) {
    return closest(input, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
  }

  /**
   * Up to three zone ids close to {@code input}, comparing against the whole id and against its
   * city part, so that both {@code Asia/Seol} and {@code Seoul} find {@code Asia/Seoul}.
   */
  static List<String> closeZoneIds(String input) {
    String wanted = input.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
    return ZoneId.getAvailableZoneIds().stream()
        .filter(z -> zoneDistance(wanted, z) <= MAX_DISTANCE)
        .sorted(
            Comparator.comparingInt((String z) -> zoneDistance(wanted, z))
                .thenComparing(Comparator.naturalOrder()))
        .limit(3)
        .toList();
  }

  private static int zoneDistance(String wanted, String zone) {
    String lower = zone.toLowerCase(Locale.ROOT);
    String city = lower.substring(lower.lastIndexOf('/') + 1);
    return Math.min(distance(wanted, lower), distance(wanted, city));
  }

  /** Levenshtein distance: insertions, deletions and substitutions each cost one. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
