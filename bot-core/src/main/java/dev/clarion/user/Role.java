package dev.clarion.user;

import java.util.Locale;
import java.util.Optional;

/** What a user may do. Each role includes the ones before it. */
public enum Role {
  /** Reads incidents, schedules and reports. */
  VIEWER,
  /** Also acknowledges, resolves, comments and opens incidents. */
  RESPONDER,
  /** Also manages configuration, tokens and other people's work. */
  ADMIN;

  public boolean includes(Role required) {
    return ordinal() >= required.ordinal();
  }

  public static Optional<Role> parse(String text) {
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
