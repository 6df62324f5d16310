package dev.clarion.team;

import java.util.Objects;

/** A team's stable key as written in clarion.yml. */
public record TeamId(String value) {
  public TeamId {
    Objects.requireNonNull(value, "team id");
  }

  @Override
  public String toString() {
    return value;
  }
}
