package dev.clarion.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Delivery latency: alert in → message at the webhook receiver. Starts a loopback webhook receiver,
 * starts Clarion (the given jar, plugins directory and templates) on a throw-away H2 file database
 * with one webhook subscribed to the bench service, opens new incidents at a fixed rate through the
 * AlertNow Standard API, and measures, per incident, the time from just before the alert is sent
 * to the webhook request's arrival (both clocks are this JVM's {@code System.nanoTime}). Prints
 * p50/p90/p99/max, and the delivered rate against the configured per-destination limit.
 *
 * <pre>java -cp clarion-bench.jar dev.clarion.bench.DeliveryBench --server-jar J --plugins P
 *   --templates T [--rate 20] [--duration 30] [--warmup 5] [--limit 50]</pre>
 */
public final class DeliveryBench {
  private static final Pattern SEQ = Pattern.compile("bench-(\\d+)");
  private static final String KEY = "bench-delivery-key-0001";

  private DeliveryBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new java.util.HashMap<>(Map.of("--rate", "20", "--duration", "30",
        "--warmup", "5", "--limit", "50"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i], args[i + 1]);
    }
    for (String required : List.of("--server-jar", "--plugins", "--templates")) {
      if (!o.containsKey(required)) {
        System.err.println("usage: DeliveryBench --server-jar J --plugins DIR --templates DIR"
            + " [--rate 20] [--duration 30] [--warmup 5] [--limit 50]");
        System.exit(2);
      }
    }
    int rate = Integer.parseInt(o.get("--rate"));
    int duration = Integer.parseInt(o.get("--duration"));
    int warmup = Integer.parseInt(o.get("--warmup"));
    int limit = Integer.parseInt(o.get("--limit"));

    Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
    Map<Integer, Long> arrivedAt = new ConcurrentHashMap<>();
    List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger duplicates = new AtomicInteger();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.setExecutor(Executors.newFixedThreadPool(4));
    receiver.createContext("/hook", exchange -> {
      long now = System.nanoTime();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      arrivals.add(now);
      Matcher m = SEQ.matcher(body);
      if (m.find() && arrivedAt.putIfAbsent(Integer.parseInt(m.group(1)), now) != null) {
        duplicates.incrementAndGet();
      }
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    receiver.start();

    Path work = Files.createTempDirectory("clarion-delivery-bench");
    Path config = work.resolve("clarion.yml");
    Files.writeString(config, """
        server: { host: 127.0.0.1, port: 0 }
        database: { url: "jdbc:h2:file:%s" }
        services:
          - id: bench
            impact: high
        users:
          - id: admin
            name: Admin
            email: admin@example.com
            role: admin
        integrations:
          - id: bench
            format: standard
            key: %s
            default_service: bench
            rate_limit: { per_second: 100000, burst: 100000 }
        channels:
          plugins_dir: %s
          templates_dir: %s
          webhook_per_destination_per_second: %d
          webhook_global_per_second: %d
        webhooks:
          - id: bench
            services: [bench]
            events: [escalation]
            url: http://127.0.0.1:%d/hook
            body: '{"name":"${INCIDENT_NAME}","ack":"${ACK_URL}"}'
        """.formatted(work.resolve("db"), KEY, o.get("--plugins"), o.get("--templates"), limit,
        limit, receiver.getAddress().getPort()));

    Process server = new ProcessBuilder("java", "-jar", o.get("--server-jar"), "serve", "-c",
        config.toString()).redirectErrorStream(true).start();
    String url = null;
    List<String> log = new ArrayList<>();
    try {
      BufferedReader out = new BufferedReader(
          new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      Pattern listening = Pattern.compile("Clarion listening on (http://\\S+)");
      for (String line; (line = out.readLine()) != null; ) {
        log.add(line);
        Matcher m = listening.matcher(line);
        if (m.find()) {
          url = m.group(1);
          break;
        }
      }
      if (url == null) {
        System.err.println("the server did not start:");
        log.forEach(System.err::println);
        System.exit(1);
      }
      Thread drain = new Thread(() -> {
        try {
          out.lines().forEach(l -> { });
        } catch (java.io.UncheckedIOException closed) {
          // the server was stopped
        }
      }, "server-log");
      drain.setDaemon(true);
      drain.start();

      HttpClient http = HttpClient.newHttpClient();
      URI ingest = URI.create(url + "/integration/standard/v1/" + KEY);
      int total = (warmup + duration) * rate;
      int measuredFrom = warmup * rate;
      CountDownLatch sent = new CountDownLatch(total);
      AtomicInteger seq = new AtomicInteger();
      AtomicInteger rejected = new AtomicInteger();
      ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
      long periodNanos = 1_000_000_000L / rate;
      pace.scheduleAtFixedRate(() -> {
        int n = seq.getAndIncrement();
        if (n >= total) {
          return;
        }
        HttpRequest request = HttpRequest.newBuilder(ingest)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"summary\":\"bench-" + n
                + " checkout latency\",\"event_id\":\"e-" + n + "\"}"))
            .build();
        sentAt.put(n, System.nanoTime());
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
          if (e != null || r.statusCode() != 202) {
            rejected.incrementAndGet();
          }
          sent.countDown();
        });
      }, 0, periodNanos, TimeUnit.NANOSECONDS);
      sent.await();
      pace.shutdownNow();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (arrivedAt.size() < total - rejected.get() && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(50); // a benchmark driver, not a test: waiting is the job
      }

      Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
      int measured = 0;
      for (int n = measuredFrom; n < total; n++) {
        Long a = arrivedAt.get(n);
        Long s = sentAt.get(n);
        if (a != null && s != null) {
          latency.recordValue(Math.max(0, (a - s) / 1000));
          measured++;
        }
      }
      List<Long> times = new ArrayList<>(arrivals);
      Collections.sort(times);
      int maxWindow = 0;
      for (int i = 0, j = 0; i < times.size(); i++) {
        while (times.get(i) - times.get(j) >= 1_000_000_000L) {
          j++;
        }
        maxWindow = Math.max(maxWindow, i - j + 1);
      }
      double spanSeconds = times.size() < 2 ? 1
          : (times.get(times.size() - 1) - times.get(0)) / 1e9;
      System.out.printf("delivery: %d new incidents at %d/s (%d s warm-up + %d s measured),"
          + " webhook limit %d/s per destination%n", total, rate, warmup, duration, limit);
      System.out.printf("  alert-in -> message-at-fake (ms): p50 %.1f  p90 %.1f  p99 %.1f"
          + "  max %.1f   over %d incidents%n",
          latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(90) / 1000.0,
          latency.getValueAtPercentile(99) / 1000.0, latency.getMaxValue() / 1000.0, measured);
      System.out.printf("  delivered %d of %d (rejected at ingest %d, duplicates %d);"
          + " delivered rate %.1f/s, max in any 1 s window %d (limit %d)%n",
          arrivedAt.size(), total, rejected.get(), duplicates.get(),
          times.size() / Math.max(spanSeconds, 1e-9), maxWindow, limit);
      boolean met = latency.getValueAtPercentile(50) < 250_000
          && latency.getValueAtPercentile(99) < 1_000_000 && maxWindow <= limit
          && arrivedAt.size() == total - rejected.get() && duplicates.get() == 0;
      System.out.println("  target p50 < 250 ms, p99 < 1 s, limit kept, once each: "
          + (met ? "MET" : "NOT MET"));
    } finally {
      server.destroy();
      server.waitFor(10, TimeUnit.SECONDS);
      receiver.stop(0);
      ((java.util.concurrent.ExecutorService) receiver.getExecutor()).shutdownNow();
    }
  }
}
