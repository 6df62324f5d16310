package dev.clarion.service;

import java.util.Objects;

/** A service's stable key as written in clarion.yml, e.g. {@code checkout}. */
public record ServiceId(String value) {
  public ServiceId {
    Objects.requireNonNull(value, "service id");
    if (value.isBlank()) {
      throw new IllegalArgumentException("service id must not be blank");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
