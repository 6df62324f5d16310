package dev.clarion.maintenance;

import dev.clarion.service.ServiceId;
import java.time.Instant;
import java.util.Set;

/** A window before it is stored and numbered. */
public record NewWindow(
    Set<ServiceId> services,
    Instant start,
    Instant end,
    String reason,
    String createdBy,
    Instant createdAt) {
  public NewWindow {
    services = Set.copyOf(services);
    reason = reason == null ? "" : reason.strip();
  }
}
