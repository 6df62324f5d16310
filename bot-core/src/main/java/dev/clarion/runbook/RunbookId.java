package dev.clarion.runbook;

import java.util.Objects;
import java.util.regex.Pattern;

/** A runbook's id, e.g. {@code restart-service}: also its file name in the runbooks directory. */
public record RunbookId(String value) {
  public static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9_-]*");

  public RunbookId {
    Objects.requireNonNull(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
