package dev.clarion.schedule;

import static dev.clarion.schedule.LayerTest.UTC;
import static dev.clarion.schedule.LayerTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.ical.ShiftCalendar;
import java.io.StringReader;
import java.time.Instant;
import java.time.temporal.Temporal;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/** The iCal rendering of final shifts, parsed back with ical4j. */
class ICalFeedTest {
  @Test
  void shiftsRoundTripThroughICalendar() throws Exception {
    Schedule s = ScheduleTest.twoLayers();
    List<Shift> shifts = s.shifts(at("2026-01-05T00:00", UTC), at("2026-01-07T00:00", UTC), List.of());
    String ics = ShiftCalendar.render("Primary", shifts, Instant.parse("2026-01-05T00:00:00Z"));

    assertThat(ics).startsWith("BEGIN:VCALENDAR").contains("X-WR-CALNAME:Primary");
    Calendar parsed = new CalendarBuilder().build(new StringReader(ics));
    List<VEvent> events = parsed.getComponents("VEVENT");
    assertThat(events).hasSize(shifts.size());
    for (int i = 0; i < shifts.size(); i++) {
      VEvent e = events.get(i);
      Shift shift = shifts.get(i);
      assertThat(instant(e.getStartDate().orElseThrow().getDate())).isEqualTo(shift.start());
      assertThat(instant(e.getEndDate().orElseThrow().getDate())).isEqualTo(shift.end());
      assertThat(e.getSummary().getValue()).contains(shift.user().value());
      assertThat(e.getUid().orElseThrow().getValue())
          .isEqualTo("primary-" + shift.user() + "-" + shift.start().getEpochSecond() + "@clarion");
    }
  }

  @Test
  void anEmptyFeedIsStillAValidCalendar() throws Exception {
    String ics = ShiftCalendar.render("Nobody", List.of(), Instant.parse("2026-01-05T00:00:00Z"));
    Calendar parsed = new CalendarBuilder().build(new StringReader(ics));
    assertThat(parsed.getComponents("VEVENT")).isEmpty();
  }

  private static Instant instant(Temporal t) {
    return Instant.from(t);
  }
}
