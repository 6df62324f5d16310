package dev.clarion.bench;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * {@code clarion-bench ingest}: drives a running Clarion with the same load on two endpoints and
 * prints them side by side — {@code POST /noop} (the HTTP stack and body read alone) and the
 * AlertNow Standard ingest endpoint (parse, route, dedup, commit, then 202).
 *
 * <p>Per endpoint: a warm-up at the fixed rate (not recorded); an open-loop fixed-rate phase whose
 * latencies are measured from each request's <em>intended</em> send time, so a stalled server or
 * sender shows up as latency instead of silently lowering the rate (no coordinated omission); and a
 * closed-loop saturation phase with a fixed number of requests in flight, for throughput.
 *
 * <p>Bounded in rate, count and time, and refuses anything but a loopback URL: it is a load
 * generator and must never be pointed at someone else's server.
 */
public final class IngestBench {
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  private static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** What to run; every number has an upper bound so a typo cannot turn into a flood. */
  record Options(
      URI url,
      String key,
      int rate,
      int warmupSeconds,
      int fixedSeconds,
      int saturationSeconds,
      int concurrency) {}

  /** One endpoint under test: a name for the table and a request factory (by sequence number). */
  record Target(String name, LongFunction<HttpRequest> request) {}

  /** What a phase measured. {@code seconds} is the wall time from first send to last answer. */
  record Result(long sent, long ok, long errors, double seconds, Histogram latencyNanos) {
    double perSecond() {
      return ok / seconds;
    }
  }

  private IngestBench() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("clarion-bench: " + e.getMessage());
      System.err.println(usage());
      System.exit(2);
      return;
    }
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "bench-http");
              t.setDaemon(true);
              return t;
            });
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .executor(executor)
            .build();
    String run = Long.toString(System.currentTimeMillis(), 36);
    List<Target> targets =
        List.of(
            new Target(
                "POST /noop", n -> post(options.url().resolve("/noop"), body(run, "noop", n))),
            new Target(
                "POST /integration/standard/v1/{key}",
                n ->
                    post(
                        options.url().resolve("/integration/standard/v1/" + options.key()),
                        body(run, "ingest", n))));

    PrintStream out = System.out;
    out.printf(
        "Clarion ingest benchmark, %s, %s, %d CPUs, Java %s%n",
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")),
        options.url(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"));
    out.printf(
        "warm-up %d s and fixed rate %d s at %d req/s (open loop); saturation %d s with %d "
            + "requests in flight (closed loop)%n%n",
        options.warmupSeconds(),
        options.fixedSeconds(),
        options.rate(),
        options.saturationSeconds(),
        options.concurrency());

    List<Result> fixed = new ArrayList<>();
    List<Result> saturated = new ArrayList<>();
    for (Target target : targets) {
      out.printf("  %-36s warm-up...", target.name());
      fixedRate(http, target, options.rate(), options.warmupSeconds(), 0);
      out.print(" fixed rate...");
      fixed.add(fixedRate(http, target, options.rate(), options.fixedSeconds(), 1_000_000));
      out.print(" saturation...");
      saturated.add(
          saturate(http, target, options.concurrency(), options.saturationSeconds(), 2_000_000));
      out.println(" done");
    }
    out.println();
    print(out, options, targets, fixed, saturated);
    executor.shutdownNow();
  }

  /**
   * Open loop: request {@code i} is due at {@code start + i / rate}, whatever happened to earlier
   * ones; its latency runs from that due time to the answer.
   */
  static Result fixedRate(HttpClient http, Target target, int rate, int seconds, long firstSeq)
      throws InterruptedException {
    long total = (long) rate * seconds;
    long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
    ConcurrentHistogram latency = new ConcurrentHistogram(MAX_LATENCY_NANOS, 3);
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    CountDownLatch answered = new CountDownLatch((int) total);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
    AtomicLong lastAnswer = new AtomicLong(start);
    for (long i = 0; i < total; i++) {
      long due = start + i * periodNanos;
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      send(http, target.request().apply(firstSeq + i), due, latency, ok, errors, lastAnswer)
          .whenComplete((r, e) -> answered.countDown());
    }
    boolean drained = answered.await(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    long lost = drained ? 0 : answered.getCount();
    return new Result(
        total, ok.get(), errors.get() + lost, (lastAnswer.get() - start) / 1e9, latency);
  }

  /** Closed loop: {@code concurrency} senders, each sending its next request when answered. */
  static Result saturate(
      HttpClient http, Target target, int concurrency, int seconds, long firstSeq)
      throws InterruptedException {
    ConcurrentHistogram latency = new ConcurrentHistogram(MAX_LATENCY_NANOS, 3);
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong sequence = new AtomicLong(firstSeq);
    CountDownLatch finished = new CountDownLatch(concurrency);
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    AtomicLong lastAnswer = new AtomicLong(start);
    for (int c = 0; c < concurrency; c++) {
      new Object() {
        void next() {
          long now = System.nanoTime();
          if (now >= end) {
            finished.countDown();
            return;
          }
          send(
                  http,
                  target.request().apply(sequence.getAndIncrement()),
                  now,
                  latency,
                  ok,
                  errors,
                  lastAnswer)
              .whenCompleteAsync((r, e) -> next());
        }
      }.next();
    }
    boolean drained = finished.await(seconds + REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
    if (!drained) {
      errors.addAndGet(finished.getCount());
    }
    long sent = sequence.get() - firstSeq;
    return new Result(sent, ok.get(), errors.get(), (lastAnswer.get() - start) / 1e9, latency);
  }

  private static CompletableFuture<Void> send(
      HttpClient http,
      HttpRequest request,
      long fromNanos,
      ConcurrentHistogram latency,
      AtomicLong ok,
      AtomicLong errors,
      AtomicLong lastAnswer) {
    return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle(
            (response, e) -> {
              long now = System.nanoTime();
              latency.recordValue(Math.min(now - fromNanos, MAX_LATENCY_NANOS));
              lastAnswer.accumulateAndGet(now, Math::max);
              if (e == null && response.statusCode() / 100 == 2) {
                ok.incrementAndGet();
              } else {
                errors.incrementAndGet();
              }
              return null;
            });
  }

  private static HttpRequest post(URI uri, String body) {
    return HttpRequest.newBuilder(uri)
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** A realistic small alert; every event_id is new, so every ingest request opens an incident. */
  private static String body(String run, String endpoint, long n) {
    return "{\"summary\":\"bench: CPU over 90% on host-"
        + (n % 500)
        + "\",\"event_id\":\"bench-"
        + run
        + "-"
        + endpoint
        + "-"
        + n
        + "\",\"urgency\":\"high\",\"source\":\"clarion-bench\"}";
  }

  private static void print(
      PrintStream out,
      Options options,
      List<Target> targets,
      List<Result> fixed,
      List<Result> saturated) {
    String row = "%-34s" + " %24s".repeat(targets.size()) + "%n";
    out.printf(row, header(targets));
    out.printf(
        row,
        cells(
            "fixed rate " + options.rate() + " req/s, " + options.fixedSeconds() + " s",
            fixed,
            r -> ""));
    out.printf(row, cells("  requests ok / errors", fixed, r -> r.ok() + " / " + r.errors()));
    out.printf(row, cells("  achieved req/s", fixed, r -> format(r.sent() / r.seconds())));
    for (double p : new double[] {50, 90, 99, 99.9}) {
      out.printf(
          row,
          cells(
              "  p" + format(p) + " latency (ms)",
              fixed,
              r -> ms(r.latencyNanos().getValueAtPercentile(p))));
    }
    out.printf(row, cells("  max latency (ms)", fixed, r -> ms(r.latencyNanos().getMaxValue())));
    out.printf(
        row,
        cells(
            "saturation, "
                + options.concurrency()
                + " in flight, "
                + options.saturationSeconds()
                + " s",
            saturated,
            r -> ""));
    out.printf(row, cells("  requests ok / errors", saturated, r -> r.ok() + " / " + r.errors()));
    out.printf(row, cells("  throughput (ok req/s)", saturated, r -> format(r.perSecond())));
    out.printf(
        row,
        cells(
            "  p50 / p99 latency (ms)",
            saturated,
            r ->
                ms(r.latencyNanos().getValueAtPercentile(50))
                    + " / "
                    + ms(r.latencyNanos().getValueAtPercentile(99))));
    Result ingest = fixed.get(fixed.size() - 1);
    double p99 = ingest.latencyNanos().getValueAtPercentile(99) / 1e6;
    out.printf(
        "%nTarget p99 < 50 ms at %d req/s on the ingest endpoint: %s (p99 %s ms, %d errors)%n",
        options.rate(),
        p99 < 50 && ingest.errors() == 0 ? "MET" : "NOT MET",
        ms(ingest.latencyNanos().getValueAtPercentile(99)),
        ingest.errors());
  }

  private static Object[] header(List<Target> targets) {
    List<Object> cells = new ArrayList<>();
    cells.add("");
    targets.forEach(
        t ->
            cells.add(
                t.name().startsWith("POST /integration") ? "POST ingest (standard)" : t.name()));
    return cells.toArray();
  }

  private static Object[] cells(
      String label, List<Result> results, java.util.function.Function<Result, String> cell) {
    List<Object> cells = new ArrayList<>();
    cells.add(label);
    results.forEach(r -> cells.add(cell.apply(r)));
    return cells.toArray();
  }

  private static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
  }

  private static String format(double value) {
    return value == Math.rint(value)
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  static Options parse(String[] args) {
    if (args.length == 0 || !args[0].equals("ingest")) {
      throw new IllegalArgumentException("the only benchmark is 'ingest'");
    }
    URI url = null;
    String key = null;
    int rate = 200;
    int warmup = 5;
    int fixed = 30;
    int saturation = 15;
    int concurrency = 64;
    for (int i = 1; i < args.length; i++) {
      String flag = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      String value = args[++i];
      switch (flag) {
        case "--url" ->
            url = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        case "--key" -> key = value;
        case "--rate" -> rate = bounded(flag, value, 1, 5_000);
        case "--warmup" -> warmup = bounded(flag, value, 0, 60);
        case "--duration" -> fixed = bounded(flag, value, 1, 300);
        case "--saturation" -> saturation = bounded(flag, value, 1, 120);
        case "--concurrency" -> concurrency = bounded(flag, value, 1, 256);
        default -> throw new IllegalArgumentException("unknown option " + flag);
      }
    }
    if (url == null || key == null) {
      throw new IllegalArgumentException("--url and --key are required");
    }
    requireLoopback(url);
    return new Options(url, key, rate, warmup, fixed, saturation, concurrency);
  }

  private static void requireLoopback(URI url) {
    if (!"http".equals(url.getScheme()) || url.getHost() == null) {
      throw new IllegalArgumentException("--url must be http://127.0.0.1:PORT, got " + url);
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
        if (!address.isLoopbackAddress()) {
          throw new IllegalArgumentException(
              "refusing to load "
                  + url.getHost()
                  + ": the benchmark only targets loopback addresses");
        }
      }
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("unknown host " + url.getHost());
    }
  }

  private static int bounded(String flag, String value, int min, int max) {
    int n;
    try {
      n = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(flag + " must be a number, got '" + value + "'");
    }
    if (n < min || n > max) {
      throw new IllegalArgumentException(flag + " must be " + min + ".." + max + ", got " + n);
    }
    return n;
  }

  private static String usage() {
    return """
           usage: java -jar clarion-bench.jar ingest --url http://127.0.0.1:PORT --key KEY
                  [--rate 200] [--warmup 5] [--duration 30] [--saturation 15] [--concurrency 64]
             --rate         fixed-rate phase, requests per second (1..5000)
             --warmup       seconds at the fixed rate before measuring (0..60)
             --duration     seconds of the measured fixed-rate phase (1..300)
             --saturation   seconds of the closed-loop throughput phase (1..120)
             --concurrency  requests in flight during saturation (1..256)""";
  }
}
