package dev.clarion.schedule;

import java.time.Instant;
import java.util.Objects;

/** A secret feed URL's subject: one schedule's shifts, or one user's shifts on every schedule. */
public record CalendarFeed(long id, Kind kind, String subject, String createdBy, Instant createdAt) {
  /** What a feed lists. */
  public enum Kind {
    SCHEDULE,
    USER
  }

  public CalendarFeed {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
  }
}
