package dev.clarion.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.audit.Actor;
import dev.clarion.incident.Incident;
import dev.clarion.incident.IncidentService;
import dev.clarion.incident.Level;
import dev.clarion.incident.NewIncident;
import dev.clarion.incident.Urgency;
import dev.clarion.notification.Lane;
import dev.clarion.notification.NewNotification;
import dev.clarion.notification.Notification;
import dev.clarion.notification.NotificationStatus;
import dev.clarion.service.ServiceId;
import dev.clarion.testkit.SettableClock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The notification outbox on H2 and PostgreSQL: idempotency, order, lanes, locking, edits. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NotificationStoreContract {
  final SettableClock clock = SettableClock.atDefaultStart();
  Database db;
  JdbiNotificationStore store;
  IncidentService incidents;

  abstract Database open();

  @BeforeAll
  void start() {
    db = open();
    store = new JdbiNotificationStore(db);
    incidents = new IncidentService(new JdbiIncidentStore(db), new JdbiAuditLog(db),
        new JdbiWorkflowCommandStore(db),
        Fixtures.services(Fixtures.service("checkout", Level.HIGH)), db, clock);
  }

  @AfterAll
  void stop() {
    db.close();
  }

  private Incident incident() {
    return incidents.open(new NewIncident(new ServiceId("checkout"), "disk full", "host",
        Urgency.HIGH, Optional.empty(), false, Map.of()), Actor.system("test"), "test");
  }

  private NewNotification row(Incident i, String destination, Lane lane, String event) {
    return new NewNotification(UUID.randomUUID().toString(), i.id(), "fake", destination, event,
        lane, Locale.forLanguageTag("ko"), ZoneId.of("Asia/Seoul"),
        Map.of("INCIDENT_NAME", "disk \"full\"", "STATUS", "triggered"));
  }

  private List<Notification> dueNow() {
    return db.inTransaction(() -> store.due(clock.instant(), 100)).stream()
        .filter(n -> n.destination().startsWith(prefix)).toList();
  }

  private String prefix;

  @Test
  void aKeyIsStoredOnceAndFieldsRoundTrip() {
    prefix = "idem-";
    Incident i = incident();
    NewNotification n = row(i, "idem-a", Lane.PAGE, "escalation");
    assertThat(db.inTransaction(() -> store.enqueue(n, clock.instant()))).isTrue();
    assertThat(db.inTransaction(() -> store.enqueue(n, clock.instant()))).isFalse();
    List<Notification> due = dueNow();
    assertThat(due).hasSize(1);
    assertThat(due.get(0).fields()).containsEntry("INCIDENT_NAME", "disk \"full\"");
    assertThat(due.get(0).locale().getLanguage()).isEqualTo("ko");
    store.markDelivered(due.get(0).id(), clock.instant(), "ref-1");
    assertThat(store.firstMessageRef(due.get(0).messageKey())).contains("ref-1");
  }

  @Test
  void pagesGoFirstAndOneMessageIsDeliveredInOrder() {
    prefix = "order-";
    Incident first = incident();
    Incident second = incident();
    store.enqueue(row(first, "order-x", Lane.PAGE, "escalation"), clock.instant());
    store.enqueue(row(first, "order-x", Lane.UPDATE, "acknowledged"), clock.instant());
    store.enqueue(row(second, "order-y", Lane.UPDATE, "acknowledged"), clock.instant());
    store.enqueue(row(second, "order-z", Lane.PAGE, "escalation"), clock.instant());

    List<Notification> due = dueNow();
    // first's update waits behind its page; pages before updates.
    assertThat(due).extracting(Notification::destination, Notification::lane).containsExactly(
        org.assertj.core.groups.Tuple.tuple("order-x", Lane.PAGE),
        org.assertj.core.groups.Tuple.tuple("order-z", Lane.PAGE),
        org.assertj.core.groups.Tuple.tuple("order-y", Lane.UPDATE));

    Notification page = due.get(0);
    store.retryAt(page.id(), clock.instant().plus(Duration.ofSeconds(30)), false, "429");
    assertThat(dueNow()).extracting(Notification::destination)
        .doesNotContain("order-x"); // the update may not overtake its page in backoff
    clock.advance(Duration.ofSeconds(30));
    assertThat(dueNow()).extracting(Notification::destination).contains("order-x");
    assertThat(store.find(page.id()).orElseThrow().throttles()).isEqualTo(1);
    assertThat(store.find(page.id()).orElseThrow().attempts()).isZero();
  }

  @Test
  void aLeasedRowIsHiddenUntilTheLeaseEnds() {
    prefix = "lease-";
    Incident i = incident();
    store.enqueue(row(i, "lease-a", Lane.PAGE, "escalation"), clock.instant());
    Notification n = dueNow().get(0);
    store.lease(n.id(), clock.instant().plus(Duration.ofMinutes(2)));
    assertThat(dueNow()).isEmpty();
    clock.advance(Duration.ofMinutes(2));
    assertThat(dueNow()).hasSize(1);
  }

  @Test
  void anOlderUpdateIsSupersededByANewerOne() {
    prefix = "edit-";
    Incident i = incident();
    store.enqueue(row(i, "edit-a", Lane.UPDATE, "acknowledged"), clock.instant());
    store.enqueue(row(i, "edit-a", Lane.UPDATE, "resolved"), clock.instant());
    Notification older = dueNow().get(0);
    assertThat(store.supersede(older)).isTrue();
    assertThat(store.find(older.id()).orElseThrow().status()).isEqualTo(NotificationStatus.COALESCED);
    Notification newer = dueNow().get(0);
    assertThat(newer.event()).isEqualTo("resolved");
    assertThat(store.supersede(newer)).isFalse();
  }

  @Test
  void concurrentWorkersSkipEachOthersLockedRows() throws Exception {
    // A database of its own: worker A's oldest due rows must be this test's rows.
    Database own = open();
    JdbiNotificationStore ownStore = new JdbiNotificationStore(own);
    IncidentService ownIncidents = new IncidentService(new JdbiIncidentStore(own),
        new JdbiAuditLog(own), new JdbiWorkflowCommandStore(own),
        Fixtures.services(Fixtures.service("checkout", Level.HIGH)), own, clock);
    java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService other =
        java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      for (int i = 0; i < 4; i++) {
        Incident incident = ownIncidents.open(new NewIncident(new ServiceId("checkout"), "x",
            "h", Urgency.HIGH, Optional.empty(), false, Map.of()), Actor.system("t"), "t");
        ownStore.enqueue(row(incident, "lock-" + i, Lane.PAGE, "escalation"), clock.instant());
      }
      // Worker A holds its rows (2 of them) in an open transaction...
      java.util.concurrent.Future<List<Notification>> a = other.submit(() ->
          own.inTransaction(() -> {
            List<Notification> mine = ownStore.due(clock.instant(), 2);
            locked.countDown();
            try {
              release.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return mine;
          }));
      assertThat(locked.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      // ...worker B gets the others at once instead of waiting for A's commit.
      List<Notification> b = own.inTransaction(() -> ownStore.due(clock.instant(), 100));
      release.countDown();
      List<Notification> mine = a.get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(mine).hasSize(2);
      if (own.isPostgres()) {
        assertThat(b).hasSize(2);
      } // H2 locks every row the query matched, not just the LIMIT: B skips more, never less.
      assertThat(b).extracting(Notification::id)
          .doesNotContainAnyElementsOf(mine.stream().map(Notification::id).toList());
    } finally {
      release.countDown();
      other.shutdownNow();
      own.close();
    }
  }

  @Test
  void deadLettersAreListed() {
    prefix = "dead-";
    Incident i = incident();
    store.enqueue(row(i, "dead-a", Lane.PAGE, "escalation"), clock.instant());
    Notification n = dueNow().get(0);
    store.markDead(n.id(), clock.instant(), "HTTP 404");
    assertThat(store.dead(10)).extracting(Notification::id).contains(n.id());
    assertThat(store.find(n.id()).orElseThrow().lastError()).contains("HTTP 404");
    assertThat(dueNow()).isEmpty();
  }
}
