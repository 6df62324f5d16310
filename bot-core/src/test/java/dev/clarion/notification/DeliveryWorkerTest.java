package dev.clarion.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.api.Capability;
import dev.clarion.api.ChannelContext;
import dev.clarion.api.ChannelPlugin;
import dev.clarion.api.DeliveryResult;
import dev.clarion.api.Outgoing;
import dev.clarion.api.RateLimits;
import dev.clarion.audit.Actor;
import dev.clarion.incident.Incident;
import dev.clarion.incident.IncidentService;
import dev.clarion.incident.Level;
import dev.clarion.incident.NewIncident;
import dev.clarion.incident.Urgency;
import dev.clarion.service.Service;
import dev.clarion.service.ServiceDirectory;
import dev.clarion.service.ServiceId;
import dev.clarion.store.jdbc.Database;
import dev.clarion.store.jdbc.JdbiAuditLog;
import dev.clarion.store.jdbc.JdbiIncidentStore;
import dev.clarion.store.jdbc.JdbiNotificationStore;
import dev.clarion.store.jdbc.JdbiWorkflowCommandStore;
import dev.clarion.store.jdbc.TestDatabases;
import dev.clarion.testkit.SettableClock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The worker on a settable clock with an in-memory channel: no threads, no sleeping. */
class DeliveryWorkerTest {
  /** A channel that is up or down, and records what it accepted. */
  static class RecordingChannel implements ChannelPlugin {
    final List<Outgoing> accepted = new ArrayList<>();
    int calls;
    boolean down;
    Set<Capability> capabilities = Set.of();

    @Override
    public String id() {
      return "fake";
    }

    @Override
    public Set<Capability> capabilities() {
      return capabilities;
    }

    @Override
    public RateLimits rateLimits() {
      return new RateLimits(RateLimits.Rate.perSecond(100), RateLimits.Rate.perSecond(3));
    }

    @Override
    public void start(ChannelContext context) {}

    @Override
    public DeliveryResult deliver(Outgoing message) {
      calls++;
      if (down) {
        return DeliveryResult.transientFailure("connection refused");
      }
      accepted.add(message);
      return DeliveryResult.delivered("msg-" + accepted.size());
    }
  }

  private final SettableClock clock = SettableClock.atDefaultStart();
  private final Database db = TestDatabases.h2();
  private final JdbiNotificationStore store = new JdbiNotificationStore(db);
  private final JdbiIncidentStore incidentStore = new JdbiIncidentStore(db);
  private final RecordingChannel channel = new RecordingChannel();
  private final ServiceDirectory services = new ServiceDirectory() {
    final Service checkout = new Service(new ServiceId("checkout"), "Checkout", "", Level.HIGH,
        Optional.empty());

    @Override
    public Optional<Service> find(ServiceId id) {
      return id.equals(checkout.id()) ? Optional.of(checkout) : Optional.empty();
    }

    @Override
    public List<Service> all() {
      return List.of(checkout);
    }
  };
  private final IncidentService incidents = new IncidentService(incidentStore,
      new JdbiAuditLog(db), new JdbiWorkflowCommandStore(db), services, db, clock);
  private final OutboxNotifier outbox = new OutboxNotifier(store, incidentStore, null,
      ChannelRegistry.of(List.of(channel)), new MessageFields(services,
          new SignedLinks("0123456789abcdef0123".getBytes(), Duration.ofHours(1), clock),
          () -> java.net.URI.create("http://127.0.0.1:1")), db, clock);
  private final DeliveryWorker worker = new DeliveryWorker(store, incidentStore,
      ChannelRegistry.of(List.of(channel)), DeliveryPolicy.DEFAULT, db, clock, new Random(7),
      Runnable::run, Duration.ofMinutes(2));

  @AfterEach
  void close() {
    db.close();
  }

  private Incident incident(String summary) {
    return incidents.open(new NewIncident(new ServiceId("checkout"), summary, "h", Urgency.HIGH,
        Optional.empty(), false, Map.of()), Actor.system("test"), "test");
  }

  private void queue(Incident i, NotificationEvent event) {
    db.inTransaction(() -> outbox.enqueue(i, event, "fake", "room", Locale.ENGLISH,
        ZoneId.of("UTC"), event + ":" + i.id() + ":" + clock.instant(), clock.instant()));
  }

  /** Runs passes second by second for {@code duration} of simulated time. */
  private void runFor(Duration duration) {
    for (long s = 0; s <= duration.toSeconds(); s++) {
      while (worker.runOnce() > 0) {
        // drain what is due now
      }
      clock.advance(Duration.ofSeconds(1));
    }
  }

  @Test
  void destinationDownThirtyMinutesThenEverythingDeliveredInOrderOnce() {
    channel.down = true;
    Incident a = incident("a");
    Incident b = incident("b");
    queue(a, NotificationEvent.ESCALATION);
    queue(b, NotificationEvent.ESCALATION);
    queue(a, NotificationEvent.ACKNOWLEDGED);
    queue(a, NotificationEvent.RESOLVED);
    runFor(Duration.ofMinutes(30));
    assertThat(channel.accepted).isEmpty();
    assertThat(store.dead(10)).isEmpty();
    int callsWhileDown = channel.calls;
    // Backoff: two pages retried about 12 times each in 30 minutes, not 3,600 times.
    assertThat(callsWhileDown).isBetween(10, 40);

    channel.down = false;
    runFor(Duration.ofMinutes(6));
    assertThat(channel.accepted).extracting(o -> o.fields().get("INCIDENT_NAME") + "/" + o.event())
        .containsExactlyInAnyOrder("a/escalation", "b/escalation", "a/acknowledged", "a/resolved");
    assertThat(channel.accepted).filteredOn(o -> o.fields().get("INCIDENT_NAME").equals("a"))
        .extracting(Outgoing::event).containsExactly("escalation", "acknowledged", "resolved");
  }

  @Test
  void permanentFailureDeadLettersAtOnceAndShowsOnTheTimeline() {
    ChannelPlugin refusing = new RecordingChannel() {
      @Override
      public DeliveryResult deliver(Outgoing message) {
        return DeliveryResult.permanentFailure("HTTP 404 from room");
      }
    };
    DeliveryWorker w = new DeliveryWorker(store, incidentStore, ChannelRegistry.of(List.of(refusing)),
        DeliveryPolicy.DEFAULT, db, clock, new Random(1), Runnable::run, Duration.ofMinutes(2));
    Incident a = incident("a");
    queue(a, NotificationEvent.ESCALATION);
    w.runOnce();
    assertThat(store.dead(10)).hasSize(1);
    assertThat(incidents.timeline(a.id())).anySatisfy(e ->
        assertThat(e.message()).contains("dead-lettered", "HTTP 404"));
  }

  @Test
  void editsOfOneMessageAreCoalescedAndEditTheFirstMessage() {
    channel.capabilities = Set.of(Capability.EDIT_MESSAGE);
    Incident a = incident("a");
    queue(a, NotificationEvent.ESCALATION);
    worker.runOnce();
    clock.advance(Duration.ofMillis(1));
    queue(a, NotificationEvent.ACKNOWLEDGED);
    clock.advance(Duration.ofMillis(1));
    queue(a, NotificationEvent.RESOLVED);
    runFor(Duration.ofSeconds(2));
    assertThat(channel.accepted).extracting(Outgoing::event)
        .containsExactly("escalation", "resolved");
    assertThat(channel.accepted.get(1).replaces()).map(r -> r.value()).contains("msg-1");
  }

  @Test
  void pagesGoBeforeUpdatesAndThePerDestinationLimitHolds() {
    Incident a = incident("a");
    queue(a, NotificationEvent.ESCALATION);
    worker.runOnce();
    for (int i = 0; i < 5; i++) {
      queue(incident("u" + i), NotificationEvent.ACKNOWLEDGED);
    }
    queue(incident("page"), NotificationEvent.ESCALATION);
    clock.advance(Duration.ofSeconds(1));
    worker.runOnce();
    // 3 per second per destination: the page first, then two updates.
    assertThat(channel.accepted).hasSize(4);
    assertThat(channel.accepted.get(1).fields().get("INCIDENT_NAME")).isEqualTo("page");
    worker.runOnce();
    assertThat(channel.accepted).hasSize(4);
  }

  @Test
  void backoffDoublesWithJitterAndIsCapped() {
    DeliveryPolicy p = DeliveryPolicy.DEFAULT;
    assertThat(p.nominal(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.nominal(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(p.nominal(30)).isEqualTo(Duration.ofMinutes(5));
    Random r = new Random(3);
    for (int attempt = 1; attempt < 25; attempt++) {
      Duration d = p.backoff(attempt, r);
      assertThat(d).isBetween(p.nominal(attempt).dividedBy(2), p.nominal(attempt));
    }
  }

  @Test
  void signedLinksRefuseAlteredAndExpired() {
    SignedLinks links = new SignedLinks("0123456789abcdef0123".getBytes(), Duration.ofMinutes(5),
        clock);
    String token = links.token(SignedLinks.Action.ACK, new dev.clarion.incident.IncidentId(7));
    assertThat(links.verify(token).incident().value()).isEqualTo(7);
    String other = links.token(SignedLinks.Action.RESOLVE, new dev.clarion.incident.IncidentId(8));
    String spliced = other.substring(0, other.indexOf('.')) + token.substring(token.indexOf('.'));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> links.verify(spliced))
        .isInstanceOfSatisfying(SignedLinks.Refused.class,
            e -> assertThat(e.reason()).isEqualTo(SignedLinks.Refused.Reason.FORGED));
    clock.advance(Duration.ofMinutes(5));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> links.verify(token))
        .isInstanceOfSatisfying(SignedLinks.Refused.class,
            e -> assertThat(e.reason()).isEqualTo(SignedLinks.Refused.Reason.EXPIRED));
  }
}
