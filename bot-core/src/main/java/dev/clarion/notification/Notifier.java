package dev.clarion.notification;

/**
 * The port escalation calls to page people. Writes outbox rows in the caller's transaction (or its
 * own); idempotent per (incident, step, round, destination).
 */
public interface Notifier {
  /** Returns how many new notifications were queued (0 when this request was seen before). */
  int notify(NotifyRequest request);
}
