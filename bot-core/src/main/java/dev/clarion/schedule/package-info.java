/**
 * On-call schedules: {@link dev.clarion.schedule.Schedule}s made of {@link
 * dev.clarion.schedule.Layer}s (a later layer wins wherever it has someone), each a {@link
 * dev.clarion.schedule.Rotation} of {@link dev.clarion.schedule.Member}s with a handoff time, a time
 * zone and optional {@link dev.clarion.schedule.Restriction} windows; {@link
 * dev.clarion.schedule.Override}s on top; the {@link dev.clarion.schedule.OnCallResolver} port the
 * escalation engine calls (an empty answer means nobody is on call); the {@link
 * dev.clarion.schedule.OverrideStore} port and the {@link dev.clarion.schedule.ScheduleService}.
 * Everything here is pure computation over {@code java.time}; no vendor library (HTTP, SQL, iCal,
 * YAML) may be imported. <b>Fairness when the roster changes</b>: a member's {@code from}/{@code
 * until} takes effect at the first handoff at or after it, never mid-turn; then the turn passes to
 * whoever follows the last person on call in the new order if that person stays, else to the first
 * person after them in the old order who stays, else to the head of the new order. So nobody is
 * skipped or served twice in a row because someone joined or left, and a newcomer waits for their
 * place in the configured order.
 */
package dev.clarion.schedule;
