package dev.clarion.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.audit.Actor;
import dev.clarion.config.ClarionConfig;
import dev.clarion.config.ConfigLoader;
import dev.clarion.config.ConfiguredDirectory;
import dev.clarion.store.jdbc.Database;
import dev.clarion.store.jdbc.JdbiAuditLog;
import dev.clarion.store.jdbc.JdbiTokenStore;
import dev.clarion.testkit.FreePort;
import dev.clarion.user.TokenService;
import dev.clarion.user.UserId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest promise "202 only after the commit", checked the hard way: a real server in its own
 * JVM receives 1,000 alerts from 8 concurrent senders and is killed with SIGKILL part-way through.
 * After the crash, every alert that was answered 202 must be in the database with the incident the
 * 202 named, and no dedup key may have more than one incident — including keys that were posted
 * repeatedly before and around the kill. A restarted server must then serve the same data.
 */
class CrashDurabilityIT {
  private static final int ALERTS = 1_000;
  private static final int SENDERS = 8;

  /** The sender that receives this many 202s kills the server, so posts are surely in flight. */
  private static final int KILL_AFTER_ACCEPTED = 400;

  /** Every SHARED_EVERY-th post reuses one of a few keys, to exercise dedup across the crash. */
  private static final int SHARED_EVERY = 16;

  private static final List<String> SHARED_KEYS =
      List.of("shared-disk", "shared-cpu", "shared-latency", "shared-5xx");
  private static final String STANDARD_KEY = "standard-key-123";

  @TempDir Path dir;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process server;

  @AfterEach
  void stopServer() throws InterruptedException {
    if (server != null && server.isAlive()) {
      server.destroyForcibly();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void everyAlertAnswered202SurvivesKill9AndNoIncidentIsDuplicated() throws Exception {
    int port = FreePort.onLoopback();
    String databaseUrl = "jdbc:h2:file:" + dir.resolve("clarion").toAbsolutePath();
    Path config = writeConfig(databaseUrl, port);
    URI base = URI.create("http://127.0.0.1:" + port);

    server = startServer(config, dir.resolve("server-1.log"));
    awaitStatus(base.resolve("/healthz"), dir.resolve("server-1.log"));

    // event_id -> incident number from the 202; shared keys map to the one incident they feed.
    Map<String, Long> accepted = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> sharedAccepted = new ConcurrentHashMap<>();
    AtomicInteger acceptedCount = new AtomicInteger();
    AtomicInteger failedCount = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    Process firstServer = server;
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    try {
      List<Future<?>> running = new java.util.ArrayList<>();
      for (int t = 0; t < SENDERS; t++) {
        running.add(
            senders.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < ALERTS; i = next.getAndIncrement()) {
                    String eventId =
                        i % SHARED_EVERY == 0
                            ? SHARED_KEYS.get((i / SHARED_EVERY) % SHARED_KEYS.size())
                            : "crash-" + i;
                    Long incident = post(base, eventId, i);
                    if (incident == null) {
                      failedCount.incrementAndGet();
                      continue;
                    }
                    Long before = accepted.putIfAbsent(eventId, incident);
                    assertThat(before == null || before.equals(incident))
                        .as("202s for %s named incidents %s and %s", eventId, before, incident)
                        .isTrue();
                    if (SHARED_KEYS.contains(eventId)) {
                      sharedAccepted
                          .computeIfAbsent(eventId, k -> new AtomicInteger())
                          .incrementAndGet();
                    }
                    if (acceptedCount.incrementAndGet() == KILL_AFTER_ACCEPTED) {
                      firstServer.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> sender : running) {
        sender.get(40, TimeUnit.SECONDS);
      }
    } finally {
      senders.shutdownNow();
    }

    assertThat(firstServer.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(firstServer.exitValue()).as("exit status of a SIGKILLed JVM").isEqualTo(128 + 9);
    assertThat(acceptedCount.get()).isGreaterThanOrEqualTo(KILL_AFTER_ACCEPTED);
    assertThat(failedCount.get()).as("posts refused after the kill").isPositive();
    assertThat(sharedAccepted.keySet())
        .as("shared keys answered 202 before the kill")
        .containsExactlyInAnyOrderElementsOf(SHARED_KEYS);

    String token = checkDatabaseAfterCrash(databaseUrl, config, accepted, sharedAccepted);

    server = startServer(config, dir.resolve("server-2.log"));
    awaitStatus(base.resolve("/readyz"), dir.resolve("server-2.log"));
    checkApiAfterRestart(base, token, accepted);
  }

  /**
   * Opens the killed server's database in this JVM (the OS released H2's file lock with the
   * process) and checks it row by row; returns an admin token created there for the API check.
   */
  private String checkDatabaseAfterCrash(
      String databaseUrl,
      Path config,
      Map<String, Long> accepted,
      Map<String, AtomicInteger> sharedAccepted) {
    ClarionConfig loaded = ConfigLoader.load(config, Map.of());
    try (Database db = Database.open(loaded.database().url(), "sa", "", 2)) {
      Jdbi jdbi = Jdbi.create(db.dataSource());
      Map<String, Long> incidentByKey = new HashMap<>();
      Map<String, Integer> incidentsPerKey = new HashMap<>();
      Map<String, Integer> alertRowsPerKey = new HashMap<>();
      Map<String, Set<Long>> alertIncidentsPerKey = new HashMap<>();
      jdbi.useHandle(
          h -> {
            h.createQuery("SELECT dedup_key, id FROM incident WHERE integration_id = 'standard'")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(
                    e -> {
                      incidentByKey.put(e.getKey(), e.getValue());
                      incidentsPerKey.merge(e.getKey(), 1, Integer::sum);
                    });
            h.createQuery(
                    "SELECT dedup_key, incident_id FROM alert_event WHERE integration_id ="
                        + " 'standard'")
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(
                    e -> {
                      alertRowsPerKey.merge(e.getKey(), 1, Integer::sum);
                      alertIncidentsPerKey
                          .computeIfAbsent(e.getKey(), k -> new java.util.HashSet<>())
                          .add(e.getValue());
                    });
          });

      assertThat(incidentsPerKey)
          .as("incidents per dedup key")
          .allSatisfy((key, count) -> assertThat(count).as("incidents for %s", key).isEqualTo(1));
      List<String> lost =
          accepted.entrySet().stream()
              .filter(
                  e ->
                      !e.getValue().equals(incidentByKey.get(e.getKey()))
                          || !Set.of(e.getValue()).equals(alertIncidentsPerKey.get(e.getKey())))
              .map(
                  e ->
                      e.getKey()
                          + " (202 named incident "
                          + e.getValue()
                          + "; database has "
                          + incidentByKey.get(e.getKey())
                          + ", alert rows on "
                          + alertIncidentsPerKey.get(e.getKey())
                          + ")")
              .sorted()
              .toList();
      assertThat(lost)
          .as("alerts answered 202 (%d) but missing after the crash", accepted.size())
          .isEmpty();
      sharedAccepted.forEach(
          (key, count) ->
              assertThat(alertRowsPerKey.get(key))
                  .as("alert rows of shared key %s", key)
                  .isGreaterThanOrEqualTo(count.get()));

      TokenService tokens =
          new TokenService(
              new JdbiTokenStore(db),
              new ConfiguredDirectory(loaded).users(),
              new JdbiAuditLog(db),
              db,
              Clock.systemUTC());
      return tokens.create(new UserId("admin"), "crash-test", Actor.system("test")).plainText();
    }
  }

  /** The restarted server answers from the recovered database: same incidents, one per key. */
  private void checkApiAfterRestart(URI base, String token, Map<String, Long> accepted)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(base.resolve("/api/v1/incidents?status=all&limit=500"))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode incidents = RunningClarion.JSON.readTree(response.body()).path("incidents");
    assertThat(incidents.size()).as("incidents listed (under the 500 limit)").isLessThan(500);
    Map<String, Long> listed = new HashMap<>();
    for (JsonNode incident : incidents) {
      Long before =
          listed.put(incident.path("dedup_key").asText(), incident.path("number").asLong());
      assertThat(before).as("second incident for %s", incident.path("dedup_key").asText()).isNull();
    }
    assertThat(listed).containsAllEntriesOf(accepted);
  }

  /** Posts one alert; the incident number on 202, null when the server is unreachable. */
  private Long post(URI base, String eventId, int sequence)
      throws IOException, InterruptedException {
    String body =
        "{\"summary\":\"crash test alert " + sequence + "\",\"event_id\":\"" + eventId + "\"}";
    HttpResponse<String> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(base.resolve("/integration/standard/v1/" + STANDARD_KEY))
                  .header("Content-Type", "application/json")
                  .timeout(Duration.ofSeconds(10))
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null; // the server is dead (or dying): connection refused or reset
    }
    assertThat(response.statusCode()).as("%s: %s", eventId, response.body()).isEqualTo(202);
    JsonNode json = RunningClarion.JSON.readTree(response.body());
    assertThat(json.path("dedup_key").asText()).isEqualTo(eventId);
    return json.path("incident").asLong();
  }

  private Path writeConfig(String databaseUrl, int port) throws IOException {
    String yaml = RunningClarion.standardYaml(databaseUrl, "sa");
    String tuned =
        yaml.replace("  port: 0\n", "  port: " + port + "\n")
            .replace(
                "    key: " + STANDARD_KEY + "\n",
                "    key: "
                    + STANDARD_KEY
                    + "\n"
                    + "    rate_limit: { per_second: 100000, burst: 100000 }\n");
    assertThat(tuned)
        .as("port and rate limit were set")
        .contains("port: " + port)
        .contains("per_second: 100000");
    Path config = dir.resolve("clarion.yml");
    Files.writeString(config, tuned);
    return config;
  }

  private static Process startServer(Path config, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xmx384m",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.clarion.cli.ClarionCli",
            "serve",
            "-c",
            config.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private void awaitStatus(URI url, Path log) {
    Process process = server;
    await("200 from " + url)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new AssertionError(
                    "server exited with " + process.exitValue() + ":\n" + Files.readString(log));
              }
              try {
                return http.send(
                            HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200;
              } catch (IOException e) {
                return false;
              }
            });
  }
}
