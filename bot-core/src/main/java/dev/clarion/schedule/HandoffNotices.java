package dev.clarion.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the passing of time into handoff events: each {@link #poll()} reports the changes of who
 * is on call, on every schedule, since the previous poll, each exactly once. A server calls it
 * periodically and hands the events to channels to announce. After a long pause (the server was
 * down) it reports only the last day, not a backlog nobody wants announced.
 */
public final class HandoffNotices {
  static final Duration MAX_CATCH_UP = Duration.ofDays(1);

  private final ScheduleService schedules;
  private final Clock clock;
  private Instant checkedUntil;

  public HandoffNotices(ScheduleService schedules, Clock clock) {
    this.schedules = schedules;
    this.clock = clock;
    this.checkedUntil = clock.instant();
  }

  /** Handoffs in (previous poll, now], oldest first. */
  public synchronized List<Handoff> poll() {
    Instant now = clock.instant();
    if (!now.isAfter(checkedUntil)) {
      return List.of();
    }
    Instant from = checkedUntil.isBefore(now.minus(MAX_CATCH_UP)) ? now.minus(MAX_CATCH_UP)
        : checkedUntil;
    List<Handoff> all = new ArrayList<>();
    for (Schedule s : schedules.all()) {
      all.addAll(schedules.handoffs(s.id(), from, now.plusNanos(1)));
    }
    all.sort(Comparator.comparing(Handoff::at));
    checkedUntil = now;
    return all;
  }
}
