package dev.clarion.notification;

/** A row of the notification outbox. */
public record NotificationId(long value) {
  @Override
  public String toString() {
    return Long.toString(value);
  }
}
