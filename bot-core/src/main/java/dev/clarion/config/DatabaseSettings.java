package dev.clarion.config;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to reach the database. {@code url} is already normalised by {@link #normalizeUrl}. {@link
 * #toString()} hides the password (and one written into the URL), so the settings can be logged.
 */
public record DatabaseSettings(String url, String user, String password, int poolSize) {
  public static final String DEFAULT_URL = "jdbc:h2:file:./data/clarion";
  public static final String DEFAULT_USER = "sa";
  public static final int DEFAULT_POOL_SIZE = 10;

  private static final String H2 = "jdbc:h2:";
  private static final String POSTGRESQL = "jdbc:postgresql:";

  /** A password inside a JDBC URL ({@code ?password=…} or {@code ;PASSWORD=…}). */
  private static final Pattern URL_PASSWORD =
      Pattern.compile("(password=)[^&;]*", Pattern.CASE_INSENSITIVE);

  /**
   * Settings every H2 database gets unless the URL already names them: PostgreSQL compatibility, so
   * the same SQL runs on both, and for file databases {@code WRITE_DELAY=0}, because H2 otherwise
   * acknowledges commits up to half a second before they reach the disk and a crash would lose
   * alerts we already answered 202 for.
   */
  private static final Map<String, String> H2_SETTINGS = h2Settings();

  public static DatabaseSettings defaults() {
    return new DatabaseSettings(normalizeUrl(DEFAULT_URL), DEFAULT_USER, "", DEFAULT_POOL_SIZE);
  }

  public static boolean isSupported(String url) {
    return url.startsWith(H2) || url.startsWith(POSTGRESQL);
  }

  /** Adds the settings H2 needs (see above); every other URL is returned unchanged. */
  public static String normalizeUrl(String url) {
    if (!url.startsWith(H2)) {
      return url;
    }
    String trimmed = url.strip();
    while (trimmed.endsWith(";")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    String[] parts = trimmed.split(";");
    String location = parts[0].substring(H2.length()).toLowerCase(Locale.ROOT);
    boolean embeddedFile =
        !location.startsWith("mem:")
            && !location.startsWith("tcp:")
            && !location.startsWith("ssl:");
    Set<String> present = new HashSet<>();
    for (int i = 1; i < parts.length; i++) {
      present.add(parts[i].split("=", 2)[0].strip().toUpperCase(Locale.ROOT));
    }
    StringBuilder out = new StringBuilder(trimmed);
    H2_SETTINGS.forEach(
        (name, value) -> {
          boolean wanted = embeddedFile || !name.equals("WRITE_DELAY");
          if (wanted && !present.contains(name)) {
            out.append(';').append(name).append('=').append(value);
          }
        });
    return out.toString();
  }

  @Override
  public String toString() {
    return "DatabaseSettings[url="
        + URL_PASSWORD.matcher(url).replaceAll("$1(hidden)")
        + ", user="
        + user
        + ", password="
        + (password.isEmpty() ? "(empty)" : "(hidden)")
        + ", poolSize="
        + poolSize
        + "]";
  }

  private static Map<String, String> h2Settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("MODE", "PostgreSQL");
    settings.put("DATABASE_TO_LOWER", "TRUE");
    settings.put("DEFAULT_NULL_ORDERING", "HIGH");
    settings.put("WRITE_DELAY", "0");
    return settings;
  }
}
