/**
 * The iCalendar adapter: renders {@link dev.clarion.schedule.Shift}s as an RFC 5545 calendar with
 * ical4j, for the secret feed URLs served by {@code dev.clarion.http}. The only package that
 * imports ical4j; it holds no scheduling logic.
 */
package dev.clarion.ical;
