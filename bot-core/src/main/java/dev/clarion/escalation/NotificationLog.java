package dev.clarion.escalation;

import dev.clarion.incident.IncidentId;
import dev.clarion.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The record of escalation pages, one per {@link StepKey} (a unique key in the store): what makes
 * an at-least-once engine page exactly once. Joins the caller's transaction.
 */
public interface NotificationLog {
  /** Who was paged for this step, if it already ran. */
  Optional<List<UserId>> find(StepKey key);

  /** Records a page; fails if the key is already recorded (a concurrent duplicate run). */
  void record(StepKey key, List<UserId> recipients, Instant at);

  /** Everyone paged so far for this incident, in the order first paged. */
  Set<UserId> paged(IncidentId incident);
}
