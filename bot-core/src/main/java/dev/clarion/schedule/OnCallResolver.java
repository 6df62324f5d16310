package dev.clarion.schedule;

import dev.clarion.user.UserId;
import java.time.Instant;
import java.util.List;

/**
 * The port the escalation engine calls to resolve a "schedule" target at the moment a step fires.
 */
public interface OnCallResolver {
  /**
   * Who is on call for {@code schedule} at {@code at}, after layers, restrictions and overrides.
   * An <em>empty list means nobody is on call</em>: the escalation step should fall through to
   * its next target rather than wait. Today the list has at most one person; it is a list so that
   * multi-person layers can come without changing callers.
   *
   * @throws dev.clarion.problem.Problem NOT_FOUND for an unknown schedule
   */
  List<UserId> onCall(ScheduleId schedule, Instant at);
}
