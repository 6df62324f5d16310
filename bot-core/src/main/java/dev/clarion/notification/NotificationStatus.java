package dev.clarion.notification;

/** Where a notification is in its life. */
public enum NotificationStatus {
  PENDING,
  DELIVERED,
  /** Replaced by a later update of the same message before it was sent. */
  COALESCED,
  /** Given up on: a permanent failure or too many attempts. Listed by the API. */
  DEAD
}
