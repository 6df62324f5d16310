package dev.clarion.notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The notification outbox. {@link #enqueue} joins the caller's transaction, so a notification is
 * stored if and only if the decision to send it commits. Implementations must let several workers
 * (threads or nodes) claim rows without handing one row to two of them.
 */
public interface NotificationStore {
  /** Stores the row unless its key is already stored; returns whether it was new. */
  boolean enqueue(NewNotification notification, Instant at);

  /**
   * Marks a pending update as coalesced when a newer pending update of the same message exists
   * (the newer one carries the latest state); returns whether it did.
   */
  boolean supersede(Notification update);

  /**
   * Pending rows due at {@code now} that are first in line for their message (no older pending row
   * of the same incident and destination), pages before updates, oldest first; locked so that
   * concurrent callers skip them. Call inside a transaction, then {@link #lease} what you take.
   */
  List<Notification> due(Instant now, int limit);

  /** Hides the row from {@link #due} until {@code until} (a crashed worker's rows come back). */
  void lease(NotificationId id, Instant until);

  void markDelivered(NotificationId id, Instant at, String messageRef);

  /** Back to pending at {@code notBefore}; {@code failed} counts an attempt, else a throttle. */
  void retryAt(NotificationId id, Instant notBefore, boolean failed, String reason);

  void markDead(NotificationId id, Instant at, String reason);

  /** The reference of the first delivered message of this incident at this destination. */
  Optional<String> firstMessageRef(String messageKey);

  Optional<Notification> find(NotificationId id);

  /** The first page of each message about {@code incident} (one per channel and destination). */
  List<Notification> firstPages(dev.clarion.incident.IncidentId incident);

  /** Newest first. */
  List<Notification> dead(int limit);

  /** How many rows are in {@code status} (for /metrics). */
  long count(NotificationStatus status);

  /** Oldest first; for the API and tests. */
  List<Notification> forIncident(dev.clarion.incident.IncidentId incident);
}
