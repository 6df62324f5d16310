package dev.clarion.incident;

import dev.clarion.service.ServiceId;
import java.util.Map;
import java.util.Optional;

/** What is known when an incident opens; the store assigns its number. */
public record NewIncident(
    ServiceId service,
    String summary,
    String source,
    Urgency urgency,
    Optional<DedupKey> dedupKey,
    boolean suppressed,
    Map<String, Object> details) {

  public static final int MAX_SUMMARY = 1024;

  public NewIncident {
    details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
  }
}
