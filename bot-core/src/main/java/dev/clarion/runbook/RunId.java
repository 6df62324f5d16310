package dev.clarion.runbook;

/** The number of one run of a runbook, e.g. run #7. */
public record RunId(long value) {
  @Override
  public String toString() {
    return Long.toString(value);
  }
}
