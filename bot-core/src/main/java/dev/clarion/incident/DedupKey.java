package dev.clarion.incident;

import java.util.Objects;

/**
 * The key that makes repeated alerts one incident: an integration and the event key it sent
 * (AlertNow {@code event_id}, PagerDuty {@code dedup_key}, Alertmanager fingerprint, ...). Only one
 * open incident may hold a given key.
 */
public record DedupKey(String integration, String value) {
  public static final int MAX_LENGTH = 255;

  public DedupKey {
    Objects.requireNonNull(integration, "integration");
    Objects.requireNonNull(value, "dedup key");
  }
}
