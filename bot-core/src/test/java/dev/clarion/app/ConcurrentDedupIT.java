package dev.clarion.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.store.jdbc.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 100 simultaneous posts with one dedup key make exactly one incident, on H2 and on PostgreSQL. */
class ConcurrentDedupIT {
  private static final int POSTS = 100;

  @Test
  void onTheDefaultH2FileDatabase(@TempDir Path dir) throws Exception {
    try (RunningClarion clarion = RunningClarion.start(
        RunningClarion.standardYaml("jdbc:h2:file:" + dir.resolve("clarion"), "sa"), Clock.systemUTC())) {
      assertOneIncident(clarion);
    }
  }

  @Test
  void onPostgreSql() throws Exception {
    try (RunningClarion clarion = RunningClarion.start(
        RunningClarion.standardYaml(TestDatabases.postgresUrl(), "postgres"), Clock.systemUTC())) {
      assertOneIncident(clarion);
    }
  }

  private static void assertOneIncident(RunningClarion clarion) throws Exception {
    String key = "same-" + UUID.randomUUID();
    String body = "{\"summary\":\"checkout 5xx\",\"event_id\":\"" + key + "\",\"urgency\":\"high\"}";
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService senders = Executors.newFixedThreadPool(32);
    try {
      List<Future<RunningClarion.Response>> responses = new ArrayList<>();
      for (int i = 0; i < POSTS; i++) {
        responses.add(senders.submit(() -> {
          go.await();
          return clarion.post("/integration/standard/v1/standard-key-123", body);
        }));
      }
      go.countDown();
      List<Long> incidents = new ArrayList<>();
      for (Future<RunningClarion.Response> response : responses) {
        RunningClarion.Response r = response.get();
        assertThat(r.status()).isEqualTo(202);
        incidents.add(r.json().path("incident").asLong());
      }
      assertThat(incidents).as("every post names the same incident").containsOnly(incidents.get(0));
    } finally {
      senders.shutdownNow();
    }
    String admin = clarion.token("admin");
    JsonNode all = clarion.get("/api/v1/incidents?status=all&limit=500", admin).json().path("incidents");
    List<JsonNode> withKey = new ArrayList<>();
    all.forEach(i -> {
      if (key.equals(i.path("dedup_key").asText())) {
        withKey.add(i);
      }
    });
    assertThat(withKey).singleElement().satisfies(i -> assertThat(i.path("alert_count").asInt()).isEqualTo(POSTS));
  }
}
