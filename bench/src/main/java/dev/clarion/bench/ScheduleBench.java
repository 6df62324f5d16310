package dev.clarion.bench;

import dev.clarion.audit.Actor;
import dev.clarion.audit.AuditEntry;
import dev.clarion.audit.AuditLog;
import dev.clarion.schedule.Layer;
import dev.clarion.schedule.Member;
import dev.clarion.schedule.NewOverride;
import dev.clarion.schedule.OverrideId;
import dev.clarion.schedule.OverrideStore;
import dev.clarion.schedule.OverrideTarget;
import dev.clarion.schedule.Restriction;
import dev.clarion.schedule.Rotation;
import dev.clarion.schedule.Schedule;
import dev.clarion.schedule.ScheduleId;
import dev.clarion.schedule.ScheduleOverride;
import dev.clarion.schedule.ScheduleService;
import dev.clarion.store.jdbc.Database;
import dev.clarion.store.jdbc.JdbiOverrideStore;
import dev.clarion.user.User;
import dev.clarion.user.UserDirectory;
import dev.clarion.user.UserId;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * {@code bench/schedule}: how long "who is on call now" takes for one schedule, with 1,000
 * schedules × 3 layers (mixed rotations, time zones, restrictions, roster changes) × 20 overrides
 * each. Two stores behind the same {@link ScheduleService#onCall}: an in-memory override index
 * (the computation alone) and the real {@link JdbiOverrideStore} on an in-memory H2 (what the
 * escalation engine pays in production with the default database). Single-threaded; every query
 * picks a random schedule and a random instant in the next 30 days, so overrides are sometimes
 * active. Prints p50/p99/p99.9/max per query.
 */
public final class ScheduleBench {
  static final int SCHEDULES = 1_000;
  static final int LAYERS = 3;
  static final int OVERRIDES = 20;
  static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");
  static final List<ZoneId> ZONES = List.of(ZoneId.of("America/New_York"),
      ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Seoul"), ZoneOffset.UTC);

  public static void main(String[] args) {
    int queries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int dbQueries = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
    if (queries < 1 || queries > 50_000_000 || dbQueries < 0 || dbQueries > 5_000_000) {
      System.err.println("usage: ScheduleBench [queries 1..50000000] [db-queries 0..5000000]");
      System.exit(2);
    }
    SplittableRandom random = new SplittableRandom(42);
    List<Schedule> schedules = schedules(random);
    List<NewOverride> overrides = overrides(schedules, random);
    PrintStream out = System.out;
    out.printf("schedules=%d layers=%d overrides/schedule=%d (%d overrides)%n", SCHEDULES, LAYERS,
        OVERRIDES, overrides.size());

    MemoryOverrides memory = new MemoryOverrides();
    overrides.forEach(memory::add);
    ScheduleService inMemory = service(schedules, memory);
    report(out, "in-memory overrides", run(inMemory, schedules, queries, random));

    if (dbQueries > 0) {
      try (Database db = Database.open("jdbc:h2:mem:" + UUID.randomUUID()
          + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
          "sa", "", 4)) {
        JdbiOverrideStore store = new JdbiOverrideStore(db);
        db.inTransaction(() -> {
          overrides.forEach(store::add);
          return null;
        });
        report(out, "H2 override store", run(service(schedules, store), schedules, dbQueries,
            random));
      }
    }
  }

  static Histogram run(ScheduleService service, List<Schedule> schedules, int queries,
      SplittableRandom random) {
    long horizon = Duration.ofDays(30).toSeconds();
    int warmup = Math.min(queries, 200_000);
    long sink = 0;
    for (int i = 0; i < warmup; i++) {
      sink += service.onCall(pick(schedules, random), NOW.plusSeconds(random.nextLong(horizon)))
          .size();
    }
    Histogram h = new Histogram(Duration.ofSeconds(10).toNanos(), 3);
    for (int i = 0; i < queries; i++) {
      ScheduleId id = pick(schedules, random);
      Instant at = NOW.plusSeconds(random.nextLong(horizon));
      long start = System.nanoTime();
      sink += service.onCall(id, at).size();
      h.recordValue(System.nanoTime() - start);
    }
    if (sink == Long.MIN_VALUE) {
      System.out.println(sink); // keeps the JIT from discarding the calls
    }
    return h;
  }

  static void report(PrintStream out, String name, Histogram h) {
    out.printf("%-22s queries=%-9d p50=%7.1f µs  p99=%7.1f µs  p99.9=%7.1f µs  max=%8.1f µs"
            + "  (target p99 < 1000 µs)%n", name, h.getTotalCount(),
        h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
        h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
  }

  static ScheduleId pick(List<Schedule> schedules, SplittableRandom random) {
    return schedules.get(random.nextInt(schedules.size())).id();
  }

  static List<Schedule> schedules(SplittableRandom random) {
    List<Schedule> all = new ArrayList<>();
    for (int s = 0; s < SCHEDULES; s++) {
      ZoneId zone = ZONES.get(s % ZONES.size());
      List<Layer> layers = new ArrayList<>();
      for (int l = 0; l < LAYERS; l++) {
        List<Member> members = new ArrayList<>();
        int size = 4 + random.nextInt(6);
        for (int m = 0; m < size; m++) {
          UserId user = new UserId("u" + random.nextInt(5_000));
          // one member in four joined recently: roster epochs are part of the work
          members.add(m % 4 == 3
              ? new Member(user, Optional.of(NOW.minus(Duration.ofDays(random.nextInt(60)))),
                  Optional.empty())
              : Member.of(user));
        }
        Rotation rotation = switch (l) {
          case 0 -> Rotation.weekly();
          case 1 -> Rotation.daily();
          default -> Rotation.everyHours(12);
        };
        List<Restriction> restrictions = switch (l) {
          case 0 -> List.of();
          case 1 -> List.of(Restriction.weekdays(LocalTime.of(9, 0), LocalTime.of(18, 0)));
          default -> List.of(Restriction.everyDay(LocalTime.of(22, 0), LocalTime.of(6, 0)),
              Restriction.weekends());
        };
        layers.add(new Layer("layer" + l, members, rotation,
            LocalDate.of(2025, 1, 1).plusDays(random.nextInt(300)), LocalTime.of(9, 0), zone,
            restrictions));
      }
      all.add(new Schedule(new ScheduleId("s" + s), "Schedule " + s, zone, layers,
          java.util.Set.of()));
    }
    return all;
  }

  static List<NewOverride> overrides(List<Schedule> schedules, SplittableRandom random) {
    List<NewOverride> all = new ArrayList<>();
    for (Schedule s : schedules) {
      for (int i = 0; i < OVERRIDES; i++) {
        Instant start = NOW.plus(Duration.ofHours(random.nextInt(30 * 24)));
        OverrideTarget target = switch (i % 3) {
          case 0 -> new OverrideTarget.WholeSchedule();
          case 1 -> new OverrideTarget.WholeLayer("layer" + random.nextInt(LAYERS));
          default -> new OverrideTarget.Person(
              s.layers().get(0).members().get(0).user());
        };
        all.add(new NewOverride(s.id(), new UserId("u" + random.nextInt(5_000)), target, start,
            start.plus(Duration.ofHours(1 + random.nextInt(48))), "bench"));
      }
    }
    return all;
  }

  static ScheduleService service(List<Schedule> schedules, OverrideStore store) {
    UserDirectory users = new UserDirectory() {
      @Override
      public Optional<User> find(UserId id) {
        return Optional.empty();
      }

      @Override
      public Optional<User> findByChatIdentity(String channel, String platformUserId) {
        return Optional.empty();
      }

      @Override
      public List<User> all() {
        return List.of();
      }
    };
    AuditLog audit = new AuditLog() {
      @Override
      public void record(Instant at, Actor actor, String action, String target, String detail) {}

      @Override
      public List<AuditEntry> recent(String target, int limit) {
        return List.of();
      }
    };
    dev.clarion.store.Transactions direct = new dev.clarion.store.Transactions() {
      @Override
      public <T> T inTransaction(Supplier<T> work) {
        return work.get();
      }
    };
    return new ScheduleService(schedules, store, users, audit, direct,
        Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofDays(31));
  }

  /** Overrides indexed by schedule, as a cache in front of the store would hold them. */
  static final class MemoryOverrides implements OverrideStore {
    private final Map<ScheduleId, List<ScheduleOverride>> bySchedule = new HashMap<>();
    private long next = 1;

    @Override
    public ScheduleOverride add(NewOverride d) {
      ScheduleOverride o = new ScheduleOverride(new OverrideId(next++), d.schedule(), d.coverer(),
          d.target(), d.start(), d.end(), d.reason());
      bySchedule.computeIfAbsent(d.schedule(), k -> new ArrayList<>()).add(o);
      return o;
    }

    @Override
    public Optional<ScheduleOverride> find(OverrideId id) {
      return Optional.empty();
    }

    @Override
    public void update(ScheduleOverride changed) {
      throw new UnsupportedOperationException("read-only benchmark store");
    }

    @Override
    public boolean remove(OverrideId id) {
      throw new UnsupportedOperationException("read-only benchmark store");
    }

    @Override
    public List<ScheduleOverride> overlapping(ScheduleId schedule, Instant from, Instant to) {
      List<ScheduleOverride> out = new ArrayList<>();
      for (ScheduleOverride o : bySchedule.getOrDefault(schedule, List.of())) {
        if (o.start().isBefore(to) && o.end().isAfter(from)) {
          out.add(o);
        }
      }
      return out;
    }
  }
}
