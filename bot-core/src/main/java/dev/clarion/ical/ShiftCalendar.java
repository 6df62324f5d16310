package dev.clarion.ical;

import dev.clarion.schedule.Shift;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Shifts as an iCalendar document: one VEVENT per shift, times in UTC (calendar apps show them in
 * the reader's zone), a UID stable across refreshes so apps update events instead of duplicating
 * them.
 */
public final class ShiftCalendar {
  static final String PROD_ID = "-//Clarion//On-call schedules//EN";

  private ShiftCalendar() {}

  public static String render(String calendarName, List<Shift> shifts, Instant generatedAt) {
    Calendar calendar = new Calendar();
    calendar.add(new ProdId(PROD_ID));
    calendar.add(ImmutableVersion.VERSION_2_0);
    calendar.add(ImmutableCalScale.GREGORIAN);
    calendar.add(new XProperty("X-WR-CALNAME", calendarName));
    for (Shift s : shifts) {
      VEvent event = new VEvent(s.start(), s.end(), "On call: " + s.user().value() + " ("
          + s.schedule().value() + ")");
      event.replace(new net.fortuna.ical4j.model.property.DtStamp(generatedAt));
      event.add(new Uid(s.schedule().value() + "-" + s.user().value() + "-"
          + s.start().getEpochSecond() + "@clarion"));
      event.add(new Description(s.user().value() + " is on call for " + s.schedule().value()
          + " from " + s.start() + " to " + s.end()));
      calendar.add(event);
    }
    StringWriter out = new StringWriter();
    try {
      new CalendarOutputter(true).output(calendar, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
