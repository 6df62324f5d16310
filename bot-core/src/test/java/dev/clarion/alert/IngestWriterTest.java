package dev.clarion.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.incident.IncidentService;
import dev.clarion.incident.Level;
import dev.clarion.incident.Urgency;
import dev.clarion.routing.Router;
import dev.clarion.service.Service;
import dev.clarion.service.ServiceDirectory;
import dev.clarion.service.ServiceId;
import dev.clarion.store.jdbc.Database;
import dev.clarion.store.jdbc.JdbiAlertStore;
import dev.clarion.store.jdbc.JdbiAuditLog;
import dev.clarion.store.jdbc.JdbiIncidentStore;
import dev.clarion.store.jdbc.JdbiWorkflowCommandStore;
import dev.clarion.store.jdbc.TestDatabases;
import dev.clarion.testkit.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Group commit: many requests, one transaction, and one bad request does not sink its batch. */
class IngestWriterTest {
  private final SettableClock clock = SettableClock.atDefaultStart();
  private final Integration integration = new Integration(new IntegrationId("prom"), "Prometheus",
      "prom-key-123", AlertFormat.STANDARD, new ServiceId("checkout"), Urgency.HIGH, List.of(),
      IngestQuota.Rate.DEFAULT, false);
  private final List<Integer> batches = new ArrayList<>();
  private Database db;
  private IngestWriter writer;

  @BeforeEach
  void setUp() {
    db = TestDatabases.h2();
    Service checkout = new Service(new ServiceId("checkout"), "Checkout", "", Level.HIGH, Optional.empty());
    ServiceDirectory services = new ServiceDirectory() {
      @Override
      public Optional<Service> find(ServiceId id) {
        return Optional.of(checkout).filter(s -> s.id().equals(id));
      }

      @Override
      public List<Service> all() {
        return List.of(checkout);
      }
    };
    IntegrationDirectory integrations = new IntegrationDirectory() {
      @Override
      public Optional<Integration> findByKey(String key) {
        return Optional.of(integration).filter(i -> i.key().equals(key));
      }

      @Override
      public Optional<Integration> find(IntegrationId id) {
        return Optional.of(integration).filter(i -> i.id().equals(id));
      }

      @Override
      public List<Integration> all() {
        return List.of(integration);
      }
    };
    JdbiIncidentStore store = new JdbiIncidentStore(db);
    IncidentService incidents = new IncidentService(store, new JdbiAuditLog(db),
        new JdbiWorkflowCommandStore(db), services, db, clock);
    AlertProcessor processor = new AlertProcessor(integrations, incidents, store, new JdbiAlertStore(db),
        new Router(), service -> false, clock);
    writer = new IngestWriter(processor, db, 100, 50, batches::add);
  }

  @AfterEach
  void tearDown() {
    writer.close();
    db.close();
  }

  private static AlertEvent alert(String integration, String key) {
    return new AlertEvent(new IntegrationId(integration), AlertFormat.STANDARD, EventAction.TRIGGER,
        Optional.of(key), "summary " + key, "host", Optional.empty(), Optional.empty(), Map.of(), Map.of(), "{}");
  }

  @Test
  void queuedRequestsAreCommittedTogetherAndRepeatsJoinTheirIncident() throws Exception {
    List<CompletableFuture<List<IngestOutcome>>> done = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      done.add(writer.submit(List.of(alert("prom", "k" + (i % 5)))));
    }
    writer.start();
    for (var future : done) {
      future.get(10, TimeUnit.SECONDS);
    }
    assertThat(batches).containsExactly(20);
    assertThat(done).extracting(f -> f.join().get(0).result())
        .filteredOn(r -> r == IngestOutcome.Result.CREATED).hasSize(5);
    assertThat(new JdbiAlertStore(db).countSince(integration.id(), Instant.EPOCH)).isEqualTo(20);
  }

  @Test
  void aRequestThatFailsIsRetriedAloneAndItsNeighboursStillCommit() throws Exception {
    var good1 = writer.submit(List.of(alert("prom", "a")));
    var bad = writer.submit(List.of(alert("deleted-integration", "b")));
    var good2 = writer.submit(List.of(alert("prom", "c")));
    writer.start();

    assertThat(good1.get(10, TimeUnit.SECONDS).get(0).result()).isEqualTo(IngestOutcome.Result.CREATED);
    assertThat(good2.get(10, TimeUnit.SECONDS).get(0).result()).isEqualTo(IngestOutcome.Result.CREATED);
    ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> bad.get(10, TimeUnit.SECONDS));
    assertThat(failure.getCause()).hasMessageContaining("deleted-integration");
    assertThat(new JdbiAlertStore(db).countSince(integration.id(), Instant.EPOCH)).isEqualTo(2);
  }

  @Test
  void aFullQueueRefusesWithRetryAfterInsteadOfGrowing() {
    for (int i = 0; i < 100; i++) {
      writer.submit(List.of(alert("prom", "q" + i)));
    }
    var refusal = org.junit.jupiter.api.Assertions.assertThrows(dev.clarion.problem.Problem.class,
        () -> writer.submit(List.of(alert("prom", "one-too-many"))));
    assertThat(refusal.kind()).isEqualTo(dev.clarion.problem.Problem.Kind.RATE_LIMITED);
    assertThat(refusal.retryAfter()).contains(Duration.ofSeconds(1));
  }
}
