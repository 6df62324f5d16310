package dev.clarion.schedule;

import dev.clarion.user.UserId;
import java.time.Instant;

/** A final stretch of time (after layers, restrictions and overrides) when one person is on call. */
public record Shift(ScheduleId schedule, UserId user, Instant start, Instant end) {}
