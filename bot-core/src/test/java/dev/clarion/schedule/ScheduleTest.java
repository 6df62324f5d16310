package dev.clarion.schedule;

import static dev.clarion.schedule.LayerTest.UTC;
import static dev.clarion.schedule.LayerTest.at;
import static dev.clarion.schedule.LayerTest.layer;
import static dev.clarion.schedule.LayerTest.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.user.UserId;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScheduleTest {
  static final ScheduleId ID = new ScheduleId("primary");

  static Layer named(String name, Layer l) {
    return new Layer(name, l.members(), l.rotation(), l.startDate(), l.handoff(), l.zone(),
        l.restrictions());
  }

  /** Weekly a/b all the time; a "business" layer c/d weekdays 09–18 on top. */
  static Schedule twoLayers() {
    Layer base = named("base", layer(Rotation.weekly(), UTC, "2026-01-05", "09:00", "a", "b"));
    Layer business =
        named("business", layer(Rotation.daily(), UTC, "2026-01-05", "09:00",
            List.of(Restriction.weekdays(LocalTime.of(9, 0), LocalTime.of(18, 0))), "c", "d"));
    return new Schedule(ID, "Primary", UTC, List.of(base, business), Set.of());
  }

  static ScheduleOverride override(long id, String coverer, OverrideTarget target, String from,
      String to) {
    return new ScheduleOverride(new OverrideId(id), ID, new UserId(coverer), target,
        at(from, UTC), at(to, UTC), "");
  }

  @Test
  void laterLayerWinsWhereItHasSomeone() {
    Schedule s = twoLayers();
    assertThat(s.onCallAt(at("2026-01-05T10:00", UTC), List.of())).isEqualTo(user("c"));
    assertThat(s.onCallAt(at("2026-01-06T10:00", UTC), List.of())).isEqualTo(user("d"));
    assertThat(s.onCallAt(at("2026-01-05T19:00", UTC), List.of())).isEqualTo(user("a"));
    assertThat(s.onCallAt(at("2026-01-10T10:00", UTC), List.of())).isEqualTo(user("a")); // Sat
    assertThat(s.onCallAt(at("2026-01-12T19:00", UTC), List.of())).isEqualTo(user("b"));
  }

  @Test
  void nobodyOnCallSaysSo() {
    Schedule s =
        new Schedule(ID, "Nights", UTC,
            List.of(layer(Rotation.daily(), UTC, "2026-01-05", "09:00",
                List.of(Restriction.everyDay(LocalTime.of(22, 0), LocalTime.of(6, 0))), "a")),
            Set.of());
    assertThat(s.onCallAt(at("2026-01-05T12:00", UTC), List.of())).isEmpty();
    assertThat(s.onCallAt(at("2026-01-04T23:00", UTC), List.of())).isEmpty(); // before start
    assertThat(new Schedule(ID, "Empty", UTC, List.of(), Set.of())
        .onCallAt(at("2026-01-05T12:00", UTC), List.of())).isEmpty();
  }

  @Test
  void personOverrideReplacesThatPersonOnlyWhileActive() {
    Schedule s = twoLayers();
    List<ScheduleOverride> o =
        List.of(override(1, "e", new OverrideTarget.Person(new UserId("c")),
            "2026-01-05T12:00", "2026-01-05T14:00"));
    assertThat(s.onCallAt(at("2026-01-05T11:59", UTC), o)).isEqualTo(user("c"));
    assertThat(s.onCallAt(at("2026-01-05T12:00", UTC), o)).isEqualTo(user("e"));
    assertThat(s.onCallAt(at("2026-01-05T14:00", UTC), o)).isEqualTo(user("c"));
    // the override names c; when a is on call it changes nothing
    assertThat(s.onCallAt(at("2026-01-05T19:00", UTC),
        List.of(override(1, "e", new OverrideTarget.Person(new UserId("c")),
            "2026-01-05T18:00", "2026-01-05T20:00")))).isEqualTo(user("a"));
  }

  @Test
  void layerOverrideFillsTheLayerEvenOutsideItsRestrictions() {
    Schedule s = twoLayers();
    List<ScheduleOverride> o =
        List.of(override(1, "e", new OverrideTarget.WholeLayer("business"),
            "2026-01-10T00:00", "2026-01-11T00:00"));
    assertThat(s.onCallAt(at("2026-01-10T10:00", UTC), o)).isEqualTo(user("e"));
    assertThat(s.onCallAt(at("2026-01-11T10:00", UTC), o)).isEqualTo(user("a"));
  }

  @Test
  void baseLayerOverrideIsHiddenWhereAHigherLayerHasSomeone() {
    Schedule s = twoLayers();
    List<ScheduleOverride> o =
        List.of(override(1, "e", new OverrideTarget.WholeLayer("base"),
            "2026-01-05T00:00", "2026-01-06T00:00"));
    assertThat(s.onCallAt(at("2026-01-05T10:00", UTC), o)).isEqualTo(user("c"));
    assertThat(s.onCallAt(at("2026-01-05T20:00", UTC), o)).isEqualTo(user("e"));
  }

  @Test
  void laterOverrideWinsAndPersonOverridesChainInCreationOrder() {
    Schedule s = twoLayers();
    Instant t = at("2026-01-05T10:00", UTC);
    var first = override(1, "e", new OverrideTarget.WholeSchedule(), "2026-01-05T00:00",
        "2026-01-06T00:00");
    var second = override(2, "f", new OverrideTarget.WholeSchedule(), "2026-01-05T09:00",
        "2026-01-05T11:00");
    assertThat(s.onCallAt(t, List.of(second, first))).isEqualTo(user("f"));
    var cToE = override(3, "e", new OverrideTarget.Person(new UserId("c")), "2026-01-05T00:00",
        "2026-01-06T00:00");
    var eToG = override(4, "g", new OverrideTarget.Person(new UserId("e")), "2026-01-05T00:00",
        "2026-01-06T00:00");
    assertThat(s.onCallAt(t, List.of(eToG, cToE))).isEqualTo(user("g"));
  }

  @Test
  void overridesOfOtherSchedulesAreIgnored() {
    Schedule s = twoLayers();
    var other = new ScheduleOverride(new OverrideId(1), new ScheduleId("other"), new UserId("z"),
        new OverrideTarget.WholeSchedule(), at("2026-01-05T00:00", UTC),
        at("2026-01-06T00:00", UTC), "");
    assertThat(s.onCallAt(at("2026-01-05T10:00", UTC), List.of(other))).isEqualTo(user("c"));
  }

  @Test
  void finalShiftsMergeLayersRestrictionsAndOverrides() {
    Schedule s = twoLayers();
    var o = override(1, "e", new OverrideTarget.Person(new UserId("c")), "2026-01-05T12:00",
        "2026-01-05T14:00");
    List<Shift> shifts =
        s.shifts(at("2026-01-05T00:00", UTC), at("2026-01-06T12:00", UTC), List.of(o));
    assertThat(shifts).extracting(sh -> sh.user().value() + " " + sh.start() + " " + sh.end())
        .containsExactly(
            "c 2026-01-05T09:00:00Z 2026-01-05T12:00:00Z",
            "e 2026-01-05T12:00:00Z 2026-01-05T14:00:00Z",
            "c 2026-01-05T14:00:00Z 2026-01-05T18:00:00Z",
            "a 2026-01-05T18:00:00Z 2026-01-06T09:00:00Z",
            "d 2026-01-06T09:00:00Z 2026-01-06T12:00:00Z");
  }

  @Test
  void shiftsAgreeWithOnCallAtEveryMinuteAcrossBerlinFallBack() {
    ZoneId berlin = LayerTest.BERLIN;
    Layer base = named("base", layer(Rotation.everyHours(8), berlin, "2026-10-20", "07:00", "a", "b", "c"));
    Layer nights = named("nights", layer(Rotation.daily(), berlin, "2026-10-20", "09:00",
        List.of(Restriction.everyDay(LocalTime.of(23, 0), LocalTime.of(2, 30))), "d", "e"));
    Schedule s = new Schedule(ID, "x", berlin, List.of(base, nights), Set.of());
    Instant from = LocalDate.parse("2026-10-24").atStartOfDay(berlin).toInstant();
    Instant to = LocalDate.parse("2026-10-27").atStartOfDay(berlin).toInstant();
    List<Shift> shifts = s.shifts(from, to, List.of());
    for (Instant t = from; t.isBefore(to); t = t.plusSeconds(60)) {
      Instant now = t;
      Optional<UserId> expected = s.onCallAt(t, List.of());
      Optional<UserId> fromShifts = shifts.stream()
          .filter(sh -> !now.isBefore(sh.start()) && now.isBefore(sh.end()))
          .map(Shift::user).findFirst();
      assertThat(fromShifts).as("at %s", t).isEqualTo(expected);
    }
  }

  @Test
  void handoffsAreTheChangesOfWhoIsOnCall() {
    Schedule s = twoLayers();
    List<Handoff> h = s.handoffs(at("2026-01-12T08:00", UTC), at("2026-01-12T20:00", UTC), List.of());
    assertThat(h).extracting(x -> x.at() + " " + x.from().map(UserId::value).orElse("-") + ">"
            + x.to().map(UserId::value).orElse("-"))
        .containsExactly("2026-01-12T09:00:00Z a>d", "2026-01-12T18:00:00Z d>b");
  }

  @Test
  void bulkOverrideExpandsToOneOverridePerMatchingDayInLocalTime() {
    BulkOverride bulk = new BulkOverride(ID, new UserId("e"), new OverrideTarget.WholeSchedule(),
        LocalDate.parse("2026-03-06"), LocalDate.parse("2026-03-16"),
        EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), LocalTime.of(22, 0), LocalTime.of(6, 0),
        LayerTest.NEW_YORK, "weekend nights");
    List<NewOverride> out = bulk.expand();
    List<String> shown = new ArrayList<>();
    out.forEach(o -> shown.add(o.start() + "/" + o.end()));
    assertThat(shown).containsExactly(
        "2026-03-08T03:00:00Z/2026-03-08T10:00:00Z", // Sat 22:00 EST -> Sun 06:00 EDT (7h)
        "2026-03-09T02:00:00Z/2026-03-09T10:00:00Z",
        "2026-03-15T02:00:00Z/2026-03-15T10:00:00Z",
        "2026-03-16T02:00:00Z/2026-03-16T10:00:00Z");
  }
}
