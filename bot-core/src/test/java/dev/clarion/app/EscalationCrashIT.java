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
import dev.clarion.workflow.bpmn.PolicyCompiler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while escalation steps fire: the engine is at-least-once, pages must stay exactly once.
 * A server in its own JVM runs a 3-step policy with 3-second waits for {@value #INCIDENTS}
 * incidents and is SIGKILLed as soon as second steps start firing. After a restart every step of
 * every incident has paged exactly once (one escalation page record and one timeline entry), and
 * the overdue steps ran within 30 s of the restart.
 */
class EscalationCrashIT {
  private static final int INCIDENTS = 20;
  private static final String KEY = "crash-key-123";
  private static final List<String> STEPS = List.of(
      "step-1 (round 1): paged kim [user:kim]",
      "step-2 (round 1): paged lee [user:lee]",
      "step-3 (round 1): paged park [user:park]");

  @TempDir Path dir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process server;

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null && server.isAlive()) {
      server.destroyForcibly();
      server.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void stepsFiringDuringAKill9PageExactlyOnceAndOverdueStepsRunAfterRestart() throws Exception {
    int port = FreePort.onLoopback();
    URI base = URI.create("http://127.0.0.1:" + port);
    Path config = writeConfig("jdbc:h2:file:" + dir.resolve("clarion").toAbsolutePath(), port);
    Path workflows = writeWorkflow(config);
    String token = adminToken(config);

    server = startServer(config, workflows, dir.resolve("server-1.log"));
    awaitOk(base.resolve("/healthz"), dir.resolve("server-1.log"));
    List<Long> incidents = new ArrayList<>();
    for (int i = 0; i < INCIDENTS; i++) {
      incidents.add(post(base, "crash-" + i));
    }
    // Kill as soon as second steps fire: some incidents are mid-step, the rest wait on timers.
    await("second steps firing").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .until(() -> incidents.stream().anyMatch(n -> pages(base, token, n).size() >= 2));
    server.destroyForcibly();
    assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(server.exitValue()).as("exit status of a SIGKILLed JVM").isEqualTo(128 + 9);

    server = startServer(config, workflows, dir.resolve("server-2.log"));
    awaitOk(base.resolve("/healthz"), dir.resolve("server-2.log"));
    long restarted = System.nanoTime();
    await("every step of every incident paged").atMost(Duration.ofSeconds(45))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> incidents.stream().allMatch(n -> pages(base, token, n).size() >= 3));
    Duration catchUp = Duration.ofNanos(System.nanoTime() - restarted);
    System.out.println("escalation caught up " + catchUp.toMillis() + " ms after the restart");
    assertThat(catchUp).as("overdue steps run within 30 s of the restart")
        .isLessThan(Duration.ofSeconds(30));

    for (long n : incidents) {
      assertThat(pages(base, token, n)).as("pages of incident %d", n)
          .containsExactlyElementsOf(STEPS);
    }
    server.destroyForcibly();
    server.waitFor(10, TimeUnit.SECONDS);
    ClarionConfig loaded = ConfigLoader.load(config, Map.of());
    try (Database db = Database.open(loaded.database().url(), "sa", "", 2)) {
      List<Map<String, Object>> perStep = Jdbi.create(db.dataSource()).withHandle(h -> h
          .createQuery("SELECT incident_id, step, round, COUNT(*) AS n FROM escalation_page"
              + " GROUP BY incident_id, step, round")
          .mapToMap().list());
      assertThat(perStep).as("escalation page records").hasSize(3 * INCIDENTS)
          .allSatisfy(row -> assertThat(((Number) row.get("n")).intValue()).isEqualTo(1));
    }
  }

  /** The escalation's timeline entries of an incident (who was paged for which step), in order. */
  private List<String> pages(URI base, String token, long number) {
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(base.resolve("/api/v1/incidents/" + number))
              .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return List.of();
      }
      List<String> pages = new ArrayList<>();
      for (JsonNode entry : RunningClarion.JSON.readTree(response.body()).path("timeline")) {
        if (entry.path("actor").asText().equals("escalation")) {
          pages.add(entry.path("message").asText());
        }
      }
      return pages;
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  private long post(URI base, String eventId) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(
        HttpRequest.newBuilder(base.resolve("/integration/standard/v1/" + KEY))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                "{\"summary\":\"disk full\",\"event_id\":\"" + eventId + "\"}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return RunningClarion.JSON.readTree(response.body()).path("incident").asLong();
  }

  private Path writeConfig(String databaseUrl, int port) throws IOException {
    Path config = dir.resolve("clarion.yml");
    Files.writeString(config, """
        server: { host: 127.0.0.1, port: %d }
        database: { url: "%s", user: sa }
        escalation: { watch: false }
        services:
          - { id: checkout, impact: high, escalation_policy: crash }
        users:
          - { id: admin, email: admin@example.com, role: admin }
          - { id: kim, email: kim@example.com, role: responder }
          - { id: lee, email: lee@example.com, role: responder }
          - { id: park, email: park@example.com, role: responder }
        integrations:
          - id: standard
            format: standard
            key: %s
            default_service: checkout
        escalation_policies:
          - id: crash
            steps:
              - { users: [kim], wait_minutes: 1 }
              - { users: [lee], wait_minutes: 1 }
              - { users: [park], wait_minutes: 1 }
        """.formatted(port, databaseUrl, KEY));
    return config;
  }

  /** The YAML policy as a BPMN file with 3-second waits (a file wins over the YAML policy). */
  private Path writeWorkflow(Path config) throws IOException {
    ClarionConfig loaded = ConfigLoader.load(config, Map.of());
    String xml = PolicyCompiler.toXml(loaded.escalationPolicies().get(0)).replace(">PT1M<", ">PT3S<");
    assertThat(xml).contains(">PT3S<").doesNotContain(">PT1M<");
    Path workflows = dir.resolve("workflows");
    Files.createDirectories(workflows.resolve("escalation"));
    Files.writeString(workflows.resolve("escalation").resolve("crash.bpmn"), xml);
    return workflows;
  }

  /** Creates the database and an admin token before the server holds the file. */
  private static String adminToken(Path config) {
    ClarionConfig loaded = ConfigLoader.load(config, Map.of());
    try (Database db = Database.open(loaded.database().url(), "sa", "", 2)) {
      return new TokenService(new JdbiTokenStore(db), new ConfiguredDirectory(loaded).users(),
          new JdbiAuditLog(db), db, Clock.systemUTC())
          .create(new UserId("admin"), "crash-test", Actor.system("test")).plainText();
    }
  }

  private static Process startServer(Path config, Path workflows, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-Xmx384m", "-Dclarion.workflows=" + workflows,
            "-cp", System.getProperty("java.class.path"), "dev.clarion.cli.ClarionCli",
            "serve", "-c", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private void awaitOk(URI url, Path log) {
    Process process = server;
    await("200 from " + url).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> {
          if (!process.isAlive()) {
            throw new AssertionError(
                "server exited with " + process.exitValue() + ":\n" + Files.readString(log));
          }
          try {
            return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
          } catch (IOException e) {
            return false;
          }
        });
  }
}
