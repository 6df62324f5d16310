package dev.clarion.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarion.escalation.BusinessCalendar;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code calendars:} for business-hours gateways, and {@code escalation: {watch:}}. */
class CalendarConfigTest {
  private static ClarionConfig parse(String yaml) {
    return ConfigLoader.parse(yaml, "clarion.yml", Map.of());
  }

  @Test
  void weekdaysDaysAndHolidaysMakeOfficeHoursInTheCalendarsZone() {
    ClarionConfig config = parse("""
        calendars:
          kr-office:
            zone: Asia/Seoul
            hours:
              weekdays: "09:00-12:00, 13:00-18:00"
              fri: "09:00-15:00"
            holidays: [2026-03-03]
        """);
    BusinessCalendar office = config.escalation().calendars().get("kr-office");
    // Monday 2026-03-02 in Seoul (UTC+9)
    assertThat(office.isOpen(Instant.parse("2026-03-02T00:30:00Z"))).as("09:30").isTrue();
    assertThat(office.isOpen(Instant.parse("2026-03-02T03:30:00Z"))).as("12:30 lunch").isFalse();
    assertThat(office.isOpen(Instant.parse("2026-03-02T09:00:00Z"))).as("18:00").isFalse();
    assertThat(office.isOpen(Instant.parse("2026-03-03T01:00:00Z"))).as("holiday").isFalse();
    assertThat(office.isOpen(Instant.parse("2026-03-06T06:30:00Z"))).as("Friday 15:30").isFalse();
    assertThat(office.isOpen(Instant.parse("2026-03-07T01:00:00Z"))).as("Saturday").isFalse();
    assertThat(config.escalation().watch()).isTrue();
  }

  @Test
  void watchingCanBeTurnedOff() {
    assertThat(parse("escalation: { watch: false }\n").escalation().watch()).isFalse();
  }

  @Test
  void mistakesNameFileLineAndColumn() {
    assertThatThrownBy(() -> parse("""
        calendars:
          office:
            zone: Asia/Seol
            hours:
              weekdays: "9-18"
              sunday: "10:00-12:00"
            holidays: [2026-13-01]
        """))
        .hasMessageContaining("clarion.yml:3:11: calendars.office.zone: unknown time zone 'Asia/Seol'")
        .hasMessageContaining("clarion.yml:5:17: calendars.office.hours.weekdays: opening hours '9-18'")
        .hasMessageContaining("clarion.yml:6:7: calendars.office.hours.sunday: unknown key 'sunday'")
        .hasMessageContaining("clarion.yml:7:16: calendars.office.holidays[0]: not a date: '2026-13-01'");
  }
}
