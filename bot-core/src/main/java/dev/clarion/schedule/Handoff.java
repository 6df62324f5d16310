package dev.clarion.schedule;

import dev.clarion.user.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * A change of who is on call: at {@code at}, {@code from}'s shift ends and {@code to}'s starts.
 * Either side may be empty (a gap in coverage). Channels announce these.
 */
public record Handoff(ScheduleId schedule, Instant at, Optional<UserId> from, Optional<UserId> to) {}
