package dev.clarion.schedule;

import static dev.clarion.schedule.LayerTest.UTC;
import static dev.clarion.schedule.LayerTest.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarion.audit.Actor;
import dev.clarion.problem.Problem;
import dev.clarion.testkit.SettableClock;
import dev.clarion.user.UserId;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleServiceTest {
  final SettableClock clock = new SettableClock(at("2026-01-05T10:00", UTC));
  final InMemoryOverrideStore store = new InMemoryOverrideStore();
  final Fakes.Audit audit = new Fakes.Audit();
  final ScheduleService service =
      new ScheduleService(List.of(ScheduleTest.twoLayers()), store,
          Fakes.users("a", "b", "c", "d", "e"), audit, Fakes.DIRECT, clock, Duration.ofDays(31));
  final Actor kim = Actor.user("kim", "test");
  static final ScheduleId ID = ScheduleTest.ID;

  NewOverride cover(String coverer, OverrideTarget target, Instant from, Instant to) {
    return new NewOverride(ID, new UserId(coverer), target, from, to, "swap");
  }

  @Test
  void resolverAnswersFromLayersAndStoredOverrides() {
    assertThat(service.onCall(ID, clock.instant())).containsExactly(new UserId("c"));
    service.addOverride(kim, cover("e", new OverrideTarget.WholeSchedule(), clock.instant(),
        clock.instant().plus(Duration.ofHours(1))));
    assertThat(service.onCall(ID, clock.instant())).containsExactly(new UserId("e"));
    clock.advance(Duration.ofHours(1));
    assertThat(service.onCall(ID, clock.instant())).containsExactly(new UserId("c"));
  }

  @Test
  void resolverSaysNobodyWithAnEmptyList() {
    assertThat(service.onCall(ID, at("2026-01-01T00:00", UTC))).isEmpty();
  }

  @Test
  void unknownScheduleIsNotFound() {
    assertThatThrownBy(() -> service.onCall(new ScheduleId("nope"), clock.instant()))
        .isInstanceOfSatisfying(Problem.class,
            p -> assertThat(p.kind()).isEqualTo(Problem.Kind.NOT_FOUND));
  }

  @Test
  void overridesAreCreatedEditedRemovedAndAudited() {
    Instant t = clock.instant();
    ScheduleOverride o = service.addOverride(kim,
        cover("e", new OverrideTarget.Person(new UserId("c")), t, t.plus(Duration.ofHours(2))));
    ScheduleOverride edited = service.editOverride(kim, o.id(), new UserId("b"), t,
        t.plus(Duration.ofHours(3)), "b instead");
    assertThat(service.onCall(ID, t)).containsExactly(new UserId("b"));
    assertThat(store.find(o.id())).contains(edited);
    service.removeOverride(kim, o.id());
    assertThat(service.onCall(ID, t)).containsExactly(new UserId("c"));
    assertThat(audit.actions()).containsExactly("override.create", "override.edit",
        "override.remove");
    assertThat(audit.entries.get(1).detail()).contains("was e covers c").contains("now b covers c");
  }

  @Test
  void badOverridesNameTheFieldAndWriteNothing() {
    Instant t = clock.instant();
    assertInvalid(() -> service.addOverride(kim,
        cover("zed", new OverrideTarget.WholeSchedule(), t, t.plusSeconds(60))), "coverer");
    assertInvalid(() -> service.addOverride(kim,
        cover("e", new OverrideTarget.Person(new UserId("zed")), t, t.plusSeconds(60))), "covers");
    assertInvalid(() -> service.addOverride(kim,
        cover("e", new OverrideTarget.WholeLayer("nope"), t, t.plusSeconds(60))), "covers");
    assertInvalid(() -> service.addOverride(kim,
        cover("e", new OverrideTarget.WholeSchedule(), t, t.minusSeconds(60))), "end");
    assertInvalid(() -> service.addOverride(kim,
        cover("e", new OverrideTarget.WholeSchedule(), t.minus(Duration.ofDays(2)),
            t.minus(Duration.ofDays(1)))), "end");
    assertInvalid(() -> service.addOverride(kim,
        cover("e", new OverrideTarget.WholeSchedule(), t, t.plus(Duration.ofDays(40)))), "end");
    assertThat(store.size()).isZero();
    assertThat(audit.entries).isEmpty();
  }

  @Test
  void anOverrideOfTheSameTargetOverlappingAnotherIsRefusedButEditingItselfIsNot() {
    Instant t = clock.instant();
    OverrideTarget c = new OverrideTarget.Person(new UserId("c"));
    ScheduleOverride first =
        service.addOverride(kim, cover("e", c, t, t.plus(Duration.ofHours(2))));
    assertThatThrownBy(() -> service.addOverride(kim,
        cover("d", c, t.plus(Duration.ofHours(1)), t.plus(Duration.ofHours(3)))))
        .isInstanceOfSatisfying(Problem.class, p -> {
          assertThat(p.field()).contains("start");
          assertThat(p.getMessage()).contains("overlaps override " + first.id());
        });
    // another target at the same time is a different question: allowed
    service.addOverride(kim, cover("d", new OverrideTarget.Person(new UserId("e")), t,
        t.plus(Duration.ofHours(1))));
    service.editOverride(kim, first.id(), new UserId("e"), t, t.plus(Duration.ofHours(4)), "");
    assertThat(service.onCall(ID, t)).containsExactly(new UserId("d")); // c -> e -> d
  }

  @Test
  void bulkOverrideAddsEveryOccurrenceOrNone() {
    BulkOverride weekends = new BulkOverride(ID, new UserId("e"),
        new OverrideTarget.Person(new UserId("a")), LocalDate.parse("2026-01-05"),
        LocalDate.parse("2026-01-18"), EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
        LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, UTC, "weekends");
    assertThat(service.addBulk(kim, weekends)).hasSize(4);
    assertThat(service.onCall(ID, at("2026-01-10T12:00", UTC))).containsExactly(new UserId("e"));
    assertThat(service.onCall(ID, at("2026-01-12T12:00", UTC))).containsExactly(new UserId("d"));
    assertThat(audit.actions()).hasSize(4).allMatch("override.create"::equals);

    // one occurrence already over (the first Saturday is before now): nothing is added
    clock.set(at("2026-01-11T12:00", UTC));
    BulkOverride partlyPast = new BulkOverride(ID, new UserId("e"),
        new OverrideTarget.WholeSchedule(), LocalDate.parse("2026-01-09"),
        LocalDate.parse("2026-01-20"), EnumSet.of(DayOfWeek.FRIDAY), LocalTime.of(9, 0),
        LocalTime.of(10, 0), UTC, "");
    assertInvalid(() -> service.addBulk(kim, partlyPast), "end");
    assertThat(store.size()).isEqualTo(4);
  }

  @Test
  void upcomingShiftsOfOnePerson() {
    List<Shift> mine = service.upcomingShifts(new UserId("c"), Duration.ofDays(3));
    assertThat(mine).extracting(s -> s.start() + "/" + s.end()).containsExactly(
        "2026-01-05T10:00:00Z/2026-01-05T18:00:00Z",
        "2026-01-07T09:00:00Z/2026-01-07T18:00:00Z");
  }

  @Test
  void shiftsOfAnUnknownUserAreNotFound() {
    assertThatThrownBy(() -> service.upcomingShifts(new UserId("zed"), Duration.ofDays(1)))
        .isInstanceOfSatisfying(Problem.class,
            p -> assertThat(p.kind()).isEqualTo(Problem.Kind.NOT_FOUND));
  }

  @Test
  void shiftRangesAreChecked() {
    Instant t = clock.instant();
    assertInvalid(() -> service.shifts(ID, t, t), "until");
    assertInvalid(() -> service.shifts(ID, t, t.plus(Duration.ofDays(400))), "until");
  }

  static void assertInvalid(Runnable call, String field) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(Problem.class, p -> {
      assertThat(p.kind()).isEqualTo(Problem.Kind.INVALID);
      assertThat(p.field()).contains(field);
    });
  }
}
