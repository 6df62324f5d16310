package dev.clarion.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.api.Capability;
import dev.clarion.api.ChannelContext;
import dev.clarion.api.ChannelPlugin;
import dev.clarion.api.DeliveryResult;
import dev.clarion.api.MessageRef;
import dev.clarion.api.Outgoing;
import dev.clarion.api.RateLimits;
import dev.clarion.audit.Actor;
import dev.clarion.incident.Incident;
import dev.clarion.incident.IncidentService;
import dev.clarion.incident.IncidentStore;
import dev.clarion.incident.Level;
import dev.clarion.incident.NewIncident;
import dev.clarion.incident.ObservedIncidentStore;
import dev.clarion.incident.TimelineEntry;
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

/**
 * Timeline entries become thread replies only under messages already paged, only on channels with
 * threads, in order, and without feeding back on their own delivery.
 */
class ThreadNotificationsTest {
  /** Records what it accepted; refs are {@code <id>-<n>}. */
  static final class Channel implements ChannelPlugin {
    final String id;
    final Set<Capability> capabilities;
    final List<Outgoing> accepted = new ArrayList<>();

    Channel(String id, Set<Capability> capabilities) {
      this.id = id;
      this.capabilities = capabilities;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Set<Capability> capabilities() {
      return capabilities;
    }

    @Override
    public RateLimits rateLimits() {
      return new RateLimits(RateLimits.Rate.perSecond(100), RateLimits.Rate.perSecond(100));
    }

    @Override
    public void start(ChannelContext context) {}

    @Override
    public DeliveryResult deliver(Outgoing message) {
      accepted.add(message);
      return DeliveryResult.delivered(id + "-" + accepted.size());
    }
  }

  private final SettableClock clock = SettableClock.atDefaultStart();
  private final Database db = TestDatabases.h2();
  private final JdbiNotificationStore store = new JdbiNotificationStore(db);
  private final JdbiIncidentStore stored = new JdbiIncidentStore(db);
  private final Channel threads =
      new Channel("threads", Set.of(Capability.EDIT_MESSAGE, Capability.THREADS));
  private final Channel plain = new Channel("plain", Set.of(Capability.EDIT_MESSAGE));
  private final ChannelRegistry registry = ChannelRegistry.of(List.of(threads, plain));
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
  private final MessageFields fields = new MessageFields(services,
      new SignedLinks("0123456789abcdef0123".getBytes(), Duration.ofHours(1), clock),
      () -> java.net.URI.create("http://127.0.0.1:1"));
  private final IncidentStore observed =
      new ObservedIncidentStore(stored, new ThreadNotifications(store, stored, registry, fields));
  private final IncidentService incidents = new IncidentService(observed,
      new JdbiAuditLog(db), new JdbiWorkflowCommandStore(db), services, db, clock);
  private final OutboxNotifier outbox =
      new OutboxNotifier(store, stored, null, registry, fields, db, clock);
  private final DeliveryWorker worker = new DeliveryWorker(store, observed, registry,
      DeliveryPolicy.DEFAULT, db, clock, new Random(7), Runnable::run, Duration.ofMinutes(2));

  @AfterEach
  void close() {
    db.close();
  }

  private Incident incident(String summary) {
    return incidents.open(new NewIncident(new ServiceId("checkout"), summary, "h", Urgency.HIGH,
        Optional.empty(), false, Map.of()), Actor.system("test"), "test");
  }

  private void page(Incident i, String channel) {
    db.inTransaction(() -> outbox.enqueue(i, NotificationEvent.ESCALATION, channel, "room",
        Locale.ENGLISH, ZoneId.of("UTC"), "page:" + i.id() + ":" + channel, clock.instant()));
  }

  private void drain() {
    for (int s = 0; s < 5; s++) {
      while (worker.runOnce() > 0) {
        // deliver what is due
      }
      clock.advance(Duration.ofSeconds(1));
    }
  }

  private List<Notification> threadRows(Incident i) {
    return store.forIncident(i.id()).stream().filter(n -> n.lane() == Lane.THREAD).toList();
  }

  @Test
  void anEntryIsQueuedOnlyWherePagedAndTheChannelHasThreads() {
    Incident unpaged = incident("nobody was told");
    incidents.comment(unpaged.id(), Actor.user("kim", "cli"), "looking");
    assertThat(threadRows(unpaged)).isEmpty();

    Incident a = incident("disk full");
    page(a, "threads");
    page(a, "plain");
    incidents.comment(a.id(), Actor.user("kim", "cli"), "rotating logs");

    assertThat(threadRows(a)).singleElement().satisfies(n -> {
      assertThat(n.channel()).isEqualTo("threads");
      assertThat(n.destination()).isEqualTo("room");
      assertThat(n.event()).isEqualTo("timeline");
      assertThat(n.fields()).containsEntry("TIMELINE_KIND", "comment")
          .containsEntry("TIMELINE_ACTOR", "user:kim via cli")
          .containsEntry("TIMELINE_TEXT", "rotating logs")
          .containsEntry("INCIDENT_NAME", "disk full")
          .containsEntry("SERVICE_NAME", "Checkout");
    });
  }

  @Test
  void repliesGoUnderTheFirstMessageInOrderAndTheirDeliveryPostsNothingMore() {
    Incident a = incident("checkout 5xx");
    page(a, "threads");
    page(a, "plain");
    drain();
    incidents.comment(a.id(), Actor.user("kim", "cli"), "first");
    incidents.comment(a.id(), Actor.user("kim", "cli"), "second");
    incidents.acknowledge(a.id(), Actor.user("kim", "cli"));
    incidents.comment(a.id(), Actor.user("lee", "cli"), "third");
    drain();
    drain();

    List<Outgoing> replies =
        threads.accepted.stream().filter(o -> o.event().equals("timeline")).toList();
    assertThat(replies).extracting(o -> o.fields().get("TIMELINE_TEXT"))
        .containsExactly("first", "second", "acknowledged by kim", "third");
    assertThat(replies).allSatisfy(o -> {
      assertThat(o.thread()).contains(new MessageRef("threads-1"));
      assertThat(o.replaces()).isEmpty();
    });
    assertThat(plain.accepted).extracting(Outgoing::event).containsExactly("escalation");
    // Each delivery appended a NOTIFIED entry; none of them became a reply.
    assertThat(stored.timeline(a.id())).filteredOn(e -> e.kind() == TimelineEntry.Kind.NOTIFIED)
        .hasSizeGreaterThanOrEqualTo(5);
    assertThat(threadRows(a)).hasSize(4)
        .allSatisfy(n -> assertThat(n.status()).isEqualTo(NotificationStatus.DELIVERED));
  }

  @Test
  void aReplyWhosePageWasNeverDeliveredIsDeadLetteredNotPostedAlone() {
    Incident a = incident("db down");
    page(a, "threads");
    // The page is still pending: the reply waits behind it, then the page fails for good.
    incidents.comment(a.id(), Actor.user("kim", "cli"), "on it");
    db.inTransaction(() -> {
      store.markDead(store.forIncident(a.id()).get(0).id(), clock.instant(), "refused");
      return null;
    });
    drain();
    assertThat(threads.accepted).isEmpty();
    assertThat(threadRows(a)).singleElement()
        .satisfies(n -> assertThat(n.status()).isEqualTo(NotificationStatus.DEAD));
  }
}
