package dev.clarion.schedule;

import dev.clarion.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One participant of a layer's rotation. {@code from}/{@code until} let people join or leave
 * mid-rotation; a change takes effect at the first handoff at or after that instant (see the
 * package documentation for the fairness rule).
 */
public record Member(UserId user, Optional<Instant> from, Optional<Instant> until) {
  public Member {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    if (from.isPresent() && until.isPresent() && !until.get().isAfter(from.get())) {
      throw new IllegalArgumentException("member " + user + ": until must be after from");
    }
  }

  public static Member of(UserId user) {
    return new Member(user, Optional.empty(), Optional.empty());
  }

  public static Member of(String user) {
    return of(new UserId(user));
  }

  /** Whether this member takes part in a shift that starts at {@code handoff}. */
  boolean activeAt(Instant handoff) {
    return from.map(f -> !handoff.isBefore(f)).orElse(true)
        && until.map(u -> handoff.isBefore(u)).orElse(true);
  }
}
