package dev.clarion.schedule;

/** A stored override's number; later overrides (higher numbers) win over earlier ones. */
public record OverrideId(long value) implements Comparable<OverrideId> {
  @Override
  public int compareTo(OverrideId other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
