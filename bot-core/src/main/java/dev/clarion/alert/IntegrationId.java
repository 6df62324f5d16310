package dev.clarion.alert;

import java.util.Objects;

/** An integration's stable name in clarion.yml, e.g. {@code prometheus}. Not its secret key. */
public record IntegrationId(String value) {
  public IntegrationId {
    Objects.requireNonNull(value, "integration id");
  }

  @Override
  public String toString() {
    return value;
  }
}
