package dev.clarion.maintenance;

/** A maintenance window's number, shown to people as {@code #7}. */
public record MaintenanceId(long value) {
  @Override
  public String toString() {
    return Long.toString(value);
  }
}
