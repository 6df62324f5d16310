package dev.clarion.schedule;

import java.time.Instant;
import java.util.Optional;

/** Feed tokens by their SHA-256; the plain token is only ever shown once, at creation. */
public interface CalendarFeedStore {
  CalendarFeed add(String tokenSha256, CalendarFeed.Kind kind, String subject, String createdBy,
      Instant at);

  Optional<CalendarFeed> findActive(String tokenSha256);

  /** Revokes every feed of that subject; returns how many. */
  int revokeAll(CalendarFeed.Kind kind, String subject);
}
