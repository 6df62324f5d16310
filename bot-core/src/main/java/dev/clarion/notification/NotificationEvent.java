package dev.clarion.notification;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Seed 001's notification events (에스컬레이션, 담당자 지정, 확인, 종료) plus a test send. */
public enum NotificationEvent {
  ESCALATION(Lane.PAGE),
  ASSIGNEE_CHANGE(Lane.UPDATE),
  ACKNOWLEDGED(Lane.UPDATE),
  RESOLVED(Lane.UPDATE),
  TEST(Lane.PAGE),
  /** A new timeline entry, posted in the thread of a message already paged (not subscribable). */
  TIMELINE(Lane.THREAD),
  /**
   * An escalation step ran: messages already paged about the incident are edited to show the new
   * next step ({@code NEXT_ESCALATION}). Only sent as an edit, never subscribed to.
   */
  ESCALATED(Lane.UPDATE);

  private final Lane lane;

  NotificationEvent(Lane lane) {
    this.lane = lane;
  }

  public Lane lane() {
    return lane;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether {@code events:} in the configuration may name it (a webhook or chat subscribes). */
  public boolean subscribable() {
    return this != TEST && this != TIMELINE && this != ESCALATED;
  }

  public static Optional<NotificationEvent> parse(String text) {
    return Arrays.stream(values())
        .filter(e -> e.subscribable() && e.label().equals(text.strip().toLowerCase(Locale.ROOT)))
        .findFirst();
  }

  public static String allowedValues() {
    return Arrays.stream(values())
        .filter(NotificationEvent::subscribable)
        .map(NotificationEvent::label)
        .collect(Collectors.joining("|"));
  }
}
