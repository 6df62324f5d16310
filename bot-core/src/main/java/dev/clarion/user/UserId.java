package dev.clarion.user;

import java.util.Objects;

/** A user's stable key as written in clarion.yml, e.g. {@code kim}. */
public record UserId(String value) {
  public UserId {
    Objects.requireNonNull(value, "user id");
    if (value.isBlank()) {
      throw new IllegalArgumentException("user id must not be blank");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
