package dev.clarion.bench;

import dev.clarion.escalation.EscalationPolicy;
import dev.clarion.escalation.EscalationSteps;
import dev.clarion.escalation.Page;
import dev.clarion.escalation.Target;
import dev.clarion.escalation.WorkflowCommand;
import dev.clarion.incident.IncidentId;
import dev.clarion.store.jdbc.Database;
import dev.clarion.store.jdbc.JdbiNotificationLog;
import dev.clarion.team.Team;
import dev.clarion.team.TeamDirectory;
import dev.clarion.team.TeamId;
import dev.clarion.user.Role;
import dev.clarion.user.User;
import dev.clarion.user.UserDirectory;
import dev.clarion.user.UserId;
import dev.clarion.workflow.bpmn.BpmnEscalationEngine;
import dev.clarion.workflow.bpmn.PolicyCatalog;
import dev.clarion.workflow.bpmn.PolicyCompiler;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * {@code bench/escalation}: the real escalation engine (tuned job executor, H2 file database with
 * WRITE_DELAY=0) with N open incidents whose second step is a timer. Incidents start spread over a
 * window, so timers fall due staggered across it. For each incident it records when step 2 paged
 * and reports lateness against when it was due (step 1's page + the wait; a few ms conservative,
 * since the engine computes the due date just after step 1), missed pages (not paged 60 s after
 * the last was due), doubled pages (the notifier called twice for one step), and heap used.
 */
public final class EscalationBench {
  private EscalationBench() {}

  public static void main(String[] args) throws Exception {
    int incidents = intArg(args, "--incidents", 10_000);
    int waitMinutes = intArg(args, "--wait-minutes", 2);
    int spreadSeconds = intArg(args, "--spread-seconds", 60);
    // Options: --incidents N, --wait-minutes M, --spread-seconds S, --starters T.
    Path work = Files.createTempDirectory("clarion-escalation-bench");
    boolean postgres = java.util.Arrays.asList(args).contains("--postgres");
    io.zonky.test.db.postgres.embedded.EmbeddedPostgres embedded = postgres
        ? io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
            .setDataDirectory(work.resolve("pg")).setCleanDataDirectory(true).start()
        : null;
    String url = postgres
        ? embedded.getJdbcUrl("postgres", "postgres")
        : "jdbc:h2:file:" + work.resolve("bench").toAbsolutePath()
            + ";WRITE_DELAY=0;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    String user = postgres ? "postgres" : "sa";
    Clock clock = Clock.systemUTC();
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    AtomicLong maxHeap = new AtomicLong();
    ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
    sampler.scheduleAtFixedRate(() -> maxHeap.accumulateAndGet(
        memory.getHeapMemoryUsage().getUsed(), Math::max), 0, 100, TimeUnit.MILLISECONDS);

    Map<Long, Instant> firstPage = new ConcurrentHashMap<>();
    Map<Long, Instant> secondPage = new ConcurrentHashMap<>();
    AtomicLong doubled = new AtomicLong();
    User kim = new User(new UserId("kim"), "Kim", "kim@example.com", ZoneId.of("UTC"),
        Locale.ENGLISH, Role.RESPONDER, Map.of());
    UserDirectory users = new UserDirectory() {
      public Optional<User> find(UserId id) {
        return id.equals(kim.id()) ? Optional.of(kim) : Optional.empty();
      }

      public Optional<User> findByChatIdentity(String channel, String platformUserId) {
        return Optional.empty();
      }

      public List<User> all() {
        return List.of(kim);
      }
    };
    TeamDirectory teams = new TeamDirectory() {
      public Optional<Team> find(TeamId id) {
        return Optional.empty();
      }

      public List<Team> all() {
        return List.of();
      }
    };
    EscalationPolicy policy = new EscalationPolicy("bench",
        List.of(new EscalationPolicy.Step(List.of(new Target.User(kim.id())), Duration.ofMinutes(waitMinutes)),
            new EscalationPolicy.Step(List.of(new Target.User(kim.id())), Duration.ofMinutes(1))),
        1, EscalationPolicy.EndCondition.ACKNOWLEDGED, false);
    PolicyCatalog.Policy deployable =
        new PolicyCatalog.Policy("bench", "bench policy", PolicyCompiler.toXml(policy));

    System.out.printf("escalation bench: %d incidents, step 2 due %d min after step 1,"
        + " starts spread over %d s, database %s%n", incidents, waitMinutes, spreadSeconds,
        postgres ? "embedded PostgreSQL in " + work : "H2 file in " + work);
    try (Database db = Database.open(url, user, "",
        BpmnEscalationEngine.MIN_POOL_SIZE + 2 * intArg(args, "--starters", 4))) {
      EscalationSteps steps = new EscalationSteps(users, teams, (s, at) -> List.of(),
          new JdbiNotificationLog(db),
          (Page page) -> {
            Map<Long, Instant> into = page.key().step().equals("step-1") ? firstPage : secondPage;
            if (into.putIfAbsent(page.key().incident().value(), clock.instant()) != null) {
              doubled.incrementAndGet();
            }
          }, db, clock, new Random());
      long bootStart = System.nanoTime();
      BpmnEscalationEngine engine = BpmnEscalationEngine.start(db.dataSource(), steps,
          List.of(deployable), id -> Optional.of("bench"), true);
      if (!engine.awaitUp(Duration.ofMinutes(2))) {
        throw new IllegalStateException("engine did not start: " + engine.state());
      }
      System.out.printf("engine up in %d ms%n", (System.nanoTime() - bootStart) / 1_000_000);

      // Several starters, as several relay passes would: one alone manages ~20 starts/s here.
      ExecutorService starters = Executors.newFixedThreadPool(intArg(args, "--starters", 4));
      long startNanos = System.nanoTime();
      long intervalNanos = TimeUnit.SECONDS.toNanos(spreadSeconds) / incidents;
      for (int i = 1; i <= incidents; i++) {
        long target = startNanos + (i - 1) * intervalNanos;
        long delay = target - System.nanoTime();
        if (delay > 0) {
          LockSupport.parkNanos(delay);
        }
        long n = i;
        starters.execute(() -> engine.apply(new WorkflowCommand(n, new IncidentId(n),
            WorkflowCommand.Kind.START, clock.instant(), 0)));
      }
      starters.shutdown();
      starters.awaitTermination(1, TimeUnit.HOURS);
      double startSeconds = (System.nanoTime() - startNanos) / 1e9;
      System.out.printf("started %d escalations in %.1f s (%.0f/s)%n", incidents, startSeconds,
          incidents / startSeconds);

      Instant lastDue = firstPage.values().stream().max(Instant::compareTo).orElseThrow()
          .plus(Duration.ofMinutes(waitMinutes));
      Instant giveUp = lastDue.plusSeconds(60);
      while (secondPage.size() < incidents && clock.instant().isBefore(giveUp)) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
      }
      Histogram lateness = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
      long early = 0;
      for (Map.Entry<Long, Instant> e : secondPage.entrySet()) {
        Instant due = firstPage.get(e.getKey()).plus(Duration.ofMinutes(waitMinutes));
        long micros = Duration.between(due, e.getValue()).toNanos() / 1000;
        if (micros < 0) {
          early++;
          micros = 0;
        }
        lateness.recordValue(Math.min(micros, lateness.getHighestTrackableValue()));
      }
      engine.close();
      sampler.shutdown();
      System.gc();
      long heapAfter = memory.getHeapMemoryUsage().getUsed();
      System.out.printf("timer lateness: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d timers)%n",
          lateness.getValueAtPercentile(50) / 1000.0, lateness.getValueAtPercentile(99) / 1000.0,
          lateness.getMaxValue() / 1000.0, lateness.getTotalCount());
      System.out.printf("missed: %d, doubled: %d, early: %d%n", incidents - secondPage.size(),
          doubled.get(), early);
      System.out.printf("heap used: max %d MB during the run, %d MB after GC at the end"
          + " (max heap %d MB)%n", maxHeap.get() >> 20, heapAfter >> 20,
          Runtime.getRuntime().maxMemory() >> 20);
    } finally {
      if (embedded != null) {
        embedded.close();
      }
      deleteRecursively(work);
    }
    System.exit(0);
  }

  private static int intArg(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }

  private static void deleteRecursively(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
