package dev.clarion.audit;

import java.util.Objects;

/**
 * Who caused a change. {@code via} says through which surface: "api", "cli", "slack", "ingest"...
 * Stored as {@link #display()}, e.g. {@code user:kim via slack}.
 */
public record Actor(Kind kind, String id, String via) {
  public enum Kind {
    USER,
    INTEGRATION,
    SYSTEM
  }

  public Actor {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(id);
    Objects.requireNonNull(via);
  }

  public static Actor user(String userId, String via) {
    return new Actor(Kind.USER, userId, via);
  }

  public static Actor integration(String integrationId) {
    return new Actor(Kind.INTEGRATION, integrationId, "ingest");
  }

  public static Actor system(String component) {
    return new Actor(Kind.SYSTEM, component, "clarion");
  }

  public String display() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id + " via " + via;
  }
}
