package dev.clarion.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.user.UserId;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LayerTest {
  static final ZoneId UTC = ZoneOffset.UTC;
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static Layer layer(Rotation rotation, ZoneId zone, String date, String handoff, String... users) {
    return layer(rotation, zone, date, handoff, List.of(), users);
  }

  static Layer layer(
      Rotation rotation, ZoneId zone, String date, String handoff, List<Restriction> r,
      String... users) {
    List<Member> members = new ArrayList<>();
    for (String u : users) {
      members.add(Member.of(u));
    }
    return new Layer("l", members, rotation, LocalDate.parse(date), LocalTime.parse(handoff), zone, r);
  }

  static Instant at(String local, ZoneId zone) {
    return LocalDateTime.parse(local).atZone(zone).toInstant();
  }

  static Optional<UserId> user(String id) {
    return Optional.of(new UserId(id));
  }

  @Test
  void dailyRotationHandsOffAtTheHandoffTime() {
    Layer l = layer(Rotation.daily(), UTC, "2026-01-05", "09:00", "a", "b", "c");
    assertThat(l.onCallAt(at("2026-01-05T08:59", UTC))).isEmpty();
    assertThat(l.onCallAt(at("2026-01-05T09:00", UTC))).isEqualTo(user("a"));
    assertThat(l.onCallAt(at("2026-01-06T08:59", UTC))).isEqualTo(user("a"));
    assertThat(l.onCallAt(at("2026-01-06T09:00", UTC))).isEqualTo(user("b"));
    assertThat(l.onCallAt(at("2026-01-07T12:00", UTC))).isEqualTo(user("c"));
    assertThat(l.onCallAt(at("2026-01-08T09:00", UTC))).isEqualTo(user("a"));
  }

  @Test
  void weeklyRotationCyclesThroughMembers() {
    Layer l = layer(Rotation.weekly(), UTC, "2026-01-05", "10:00", "a", "b");
    assertThat(l.onCallAt(at("2026-01-11T23:00", UTC))).isEqualTo(user("a"));
    assertThat(l.onCallAt(at("2026-01-12T10:00", UTC))).isEqualTo(user("b"));
    assertThat(l.onCallAt(at("2026-01-19T09:59", UTC))).isEqualTo(user("b"));
    assertThat(l.onCallAt(at("2026-01-19T10:00", UTC))).isEqualTo(user("a"));
    assertThat(l.onCallAt(at("2027-01-04T10:00", UTC))).isEqualTo(user("a")); // 52 weeks
  }

  @Test
  void customHourRotation() {
    Layer l = layer(Rotation.everyHours(12), UTC, "2026-01-05", "08:00", "a", "b", "c");
    assertThat(l.onCallAt(at("2026-01-05T19:59", UTC))).isEqualTo(user("a"));
    assertThat(l.onCallAt(at("2026-01-05T20:00", UTC))).isEqualTo(user("b"));
    assertThat(l.onCallAt(at("2026-01-06T08:00", UTC))).isEqualTo(user("c"));
    assertThat(l.onCallAt(at("2026-01-06T20:00", UTC))).isEqualTo(user("a"));
  }

  @Test
  void customDayRotation() {
    Layer l = layer(Rotation.everyDays(3), UTC, "2026-01-01", "00:00", "a", "b");
    assertThat(l.onCallAt(at("2026-01-03T23:59", UTC))).isEqualTo(user("a"));
    assertThat(l.onCallAt(at("2026-01-04T00:00", UTC))).isEqualTo(user("b"));
    assertThat(l.onCallAt(at("2026-01-07T00:00", UTC))).isEqualTo(user("a"));
  }

  @Test
  void dayRotationKeepsLocalHandoffAcrossNewYorkSpringForward() {
    // DST starts 2026-03-08 02:00 local in New York: that day is 23 hours long.
    Layer l = layer(Rotation.daily(), NEW_YORK, "2026-03-06", "09:00", "a", "b", "c");
    assertThat(l.boundary(2)).isEqualTo(Instant.parse("2026-03-08T13:00:00Z")); // 09:00 EDT
    assertThat(l.boundary(1)).isEqualTo(Instant.parse("2026-03-07T14:00:00Z")); // 09:00 EST
    assertThat(l.onCallAt(at("2026-03-08T08:59", NEW_YORK))).isEqualTo(user("b"));
    assertThat(l.onCallAt(at("2026-03-08T09:00", NEW_YORK))).isEqualTo(user("c"));
  }

  @Test
  void dayRotationKeepsLocalHandoffAcrossBerlinFallBack() {
    // DST ends 2026-10-25 03:00 local in Berlin: that day is 25 hours long.
    Layer l = layer(Rotation.daily(), BERLIN, "2026-10-24", "09:00", "a", "b");
    assertThat(l.boundary(1)).isEqualTo(Instant.parse("2026-10-25T08:00:00Z")); // 09:00 CET
    assertThat(l.boundary(0)).isEqualTo(Instant.parse("2026-10-24T07:00:00Z")); // 09:00 CEST
    assertThat(l.onCallAt(Instant.parse("2026-10-25T07:59:59Z"))).isEqualTo(user("a"));
    assertThat(l.onCallAt(Instant.parse("2026-10-25T08:00:00Z"))).isEqualTo(user("b"));
  }

  @Test
  void dayRotationAcrossNewYorkFallBackHandsOffOnceAtTheEarlierOfTwoAmbiguousTimes() {
    // 01:30 happens twice on 2026-11-01 in New York; the handoff is at the first (EDT) one.
    Layer l = layer(Rotation.daily(), NEW_YORK, "2026-10-31", "01:30", "a", "b");
    assertThat(l.boundary(1)).isEqualTo(Instant.parse("2026-11-01T05:30:00Z"));
    assertThat(l.onCallAt(Instant.parse("2026-11-01T06:30:00Z"))).isEqualTo(user("b")); // 2nd 01:30
    assertThat(l.boundary(2)).isEqualTo(Instant.parse("2026-11-02T06:30:00Z")); // 25 h later
  }

  @Test
  void weeklyRotationAcrossBerlinSpringForwardKeepsTheLocalHandoff() {
    Layer l = layer(Rotation.weekly(), BERLIN, "2026-03-23", "10:00", "a", "b");
    assertThat(l.boundary(0)).isEqualTo(Instant.parse("2026-03-23T09:00:00Z")); // CET
    assertThat(l.boundary(1)).isEqualTo(Instant.parse("2026-03-30T08:00:00Z")); // CEST
    assertThat(l.onCallAt(Instant.parse("2026-03-30T08:30:00Z"))).isEqualTo(user("b"));
  }

  @Test
  void handoffInsideTheSpringGapMovesToTheFirstValidLocalTime() {
    // 02:30 does not exist on 2026-03-29 in Berlin; the handoff happens at 03:30 CEST instead.
    Layer l = layer(Rotation.daily(), BERLIN, "2026-03-28", "02:30", "a", "b");
    assertThat(l.boundary(1)).isEqualTo(at("2026-03-29T03:30", BERLIN));
    assertThat(l.boundary(2)).isEqualTo(at("2026-03-30T02:30", BERLIN));
    assertThat(l.onCallAt(at("2026-03-29T03:29", BERLIN))).isEqualTo(user("a"));
    assertThat(l.onCallAt(at("2026-03-29T03:30", BERLIN))).isEqualTo(user("b"));
  }

  @Test
  void hourRotationIsElapsedTimeAcrossDst() {
    // 12-hour turns from 08:00 EST: after spring-forward the local handoffs are 09:00 and 21:00.
    Layer l = layer(Rotation.everyHours(12), NEW_YORK, "2026-03-07", "08:00", "a", "b");
    assertThat(l.onCallAt(at("2026-03-08T08:30", NEW_YORK))).isEqualTo(user("b"));
    assertThat(l.onCallAt(at("2026-03-08T09:00", NEW_YORK))).isEqualTo(user("a"));
  }

  @Test
  void restrictionsLimitWhenTheLayerHasAnyone() {
    Layer weekdays =
        layer(Rotation.weekly(), UTC, "2026-01-05", "09:00",
            List.of(Restriction.weekdays(LocalTime.of(9, 0), LocalTime.of(18, 0))), "a");
    assertThat(weekdays.onCallAt(at("2026-01-07T12:00", UTC))).isEqualTo(user("a")); // Wed
    assertThat(weekdays.onCallAt(at("2026-01-07T18:00", UTC))).isEmpty();
    assertThat(weekdays.onCallAt(at("2026-01-10T12:00", UTC))).isEmpty(); // Sat
  }

  @Test
  void nightRestrictionWrapsPastMidnight() {
    Layer nights =
        layer(Rotation.daily(), BERLIN, "2026-01-05", "09:00",
            List.of(Restriction.everyDay(LocalTime.of(22, 0), LocalTime.of(6, 0))), "a", "b");
    assertThat(nights.onCallAt(at("2026-01-05T21:59", BERLIN))).isEmpty();
    assertThat(nights.onCallAt(at("2026-01-05T22:00", BERLIN))).isEqualTo(user("a"));
    assertThat(nights.onCallAt(at("2026-01-06T05:59", BERLIN))).isEqualTo(user("a"));
    assertThat(nights.onCallAt(at("2026-01-06T06:00", BERLIN))).isEmpty();
    assertThat(nights.onCallAt(at("2026-01-06T23:00", BERLIN))).isEqualTo(user("b"));
  }

  @Test
  void weekendRestrictionCoversWholeDaysWithWrapFromSaturdayIntoSunday() {
    Layer weekends =
        layer(Rotation.weekly(), NEW_YORK, "2026-01-05", "09:00",
            List.of(Restriction.weekends()), "a");
    assertThat(weekends.onCallAt(at("2026-01-09T23:59", NEW_YORK))).isEmpty(); // Fri
    assertThat(weekends.onCallAt(at("2026-01-10T00:00", NEW_YORK))).isEqualTo(user("a"));
    assertThat(weekends.onCallAt(at("2026-01-11T23:59", NEW_YORK))).isEqualTo(user("a"));
    assertThat(weekends.onCallAt(at("2026-01-12T00:00", NEW_YORK))).isEmpty(); // Mon
  }

  @Test
  void restrictionOnSpecificDaysNamesTheDayTheWindowStarts() {
    Restriction fridayNight =
        new Restriction(EnumSet.of(DayOfWeek.FRIDAY), LocalTime.of(20, 0), LocalTime.of(8, 0));
    Layer l = layer(Rotation.weekly(), UTC, "2026-01-05", "09:00", List.of(fridayNight), "a");
    assertThat(l.onCallAt(at("2026-01-10T07:00", UTC))).isEqualTo(user("a")); // Sat morning
    assertThat(l.onCallAt(at("2026-01-10T21:00", UTC))).isEmpty(); // Sat night
  }

  @Test
  void memberAddedMidRotationJoinsAtNextHandoffInConfiguredOrder() {
    Instant joins = at("2026-01-06T15:00", UTC); // mid-turn of b
    Layer l =
        new Layer("l",
            List.of(Member.of("a"), Member.of("b"),
                new Member(new UserId("d"), Optional.of(joins), Optional.empty()), Member.of("c")),
            Rotation.daily(), LocalDate.parse("2026-01-05"), LocalTime.of(9, 0), UTC, List.of());
    assertThat(l.onCallAt(at("2026-01-05T10:00", UTC))).isEqualTo(user("a"));
    assertThat(l.onCallAt(at("2026-01-06T16:00", UTC))).isEqualTo(user("b")); // turn not cut
    assertThat(l.onCallAt(at("2026-01-07T10:00", UTC))).isEqualTo(user("d")); // follows b
    assertThat(l.onCallAt(at("2026-01-08T10:00", UTC))).isEqualTo(user("c"));
    assertThat(l.onCallAt(at("2026-01-09T10:00", UTC))).isEqualTo(user("a"));
    assertThat(l.onCallAt(at("2026-01-10T10:00", UTC))).isEqualTo(user("b"));
  }

  @Test
  void memberRemovedMidRotationIsSkippedWithoutSkippingAnyoneElse() {
    Instant leaves = at("2026-01-06T12:00", UTC); // during b's turn; c is next but leaves
    Layer l =
        new Layer("l",
            List.of(Member.of("a"), Member.of("b"),
                new Member(new UserId("c"), Optional.empty(), Optional.of(leaves)), Member.of("d")),
            Rotation.daily(), LocalDate.parse("2026-01-05"), LocalTime.of(9, 0), UTC, List.of());
    assertThat(l.onCallAt(at("2026-01-06T13:00", UTC))).isEqualTo(user("b"));
    assertThat(l.onCallAt(at("2026-01-07T10:00", UTC))).isEqualTo(user("d"));
    assertThat(l.onCallAt(at("2026-01-08T10:00", UTC))).isEqualTo(user("a"));
    assertThat(l.onCallAt(at("2026-01-09T10:00", UTC))).isEqualTo(user("b"));
  }

  @Test
  void whenThePersonOnCallLeavesTheTurnGoesToTheirOldSuccessor() {
    Instant leaves = at("2026-01-06T12:00", UTC); // b is on call and leaves after the turn
    Layer l =
        new Layer("l",
            List.of(Member.of("a"),
                new Member(new UserId("b"), Optional.empty(), Optional.of(leaves)),
                Member.of("c")),
            Rotation.daily(), LocalDate.parse("2026-01-05"), LocalTime.of(9, 0), UTC, List.of());
    assertThat(l.onCallAt(at("2026-01-06T13:00", UTC))).isEqualTo(user("b"));
    assertThat(l.onCallAt(at("2026-01-07T10:00", UTC))).isEqualTo(user("c"));
    assertThat(l.onCallAt(at("2026-01-08T10:00", UTC))).isEqualTo(user("a"));
    assertThat(l.onCallAt(at("2026-01-09T10:00", UTC))).isEqualTo(user("c"));
  }

  @Test
  void everyoneGoneMeansNobody() {
    Instant leaves = at("2026-01-06T09:00", UTC);
    Layer l =
        new Layer("l", List.of(new Member(new UserId("a"), Optional.empty(), Optional.of(leaves))),
            Rotation.daily(), LocalDate.parse("2026-01-05"), LocalTime.of(9, 0), UTC, List.of());
    assertThat(l.onCallAt(at("2026-01-05T10:00", UTC))).isEqualTo(user("a"));
    assertThat(l.onCallAt(at("2026-01-06T09:00", UTC))).isEmpty();
  }
}
