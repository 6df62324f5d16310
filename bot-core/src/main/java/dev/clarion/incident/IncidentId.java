package dev.clarion.incident;

/** An incident's number, as people say it: "incident 42". Assigned by the store, never reused. */
public record IncidentId(long value) {
  public IncidentId {
    if (value <= 0) {
      throw new IllegalArgumentException("incident number must be positive, got " + value);
    }
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
