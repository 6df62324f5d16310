package dev.clarion.maintenance;

import dev.clarion.alert.AlertStore;
import dev.clarion.alert.Integration;
import dev.clarion.alert.IntegrationDirectory;
import dev.clarion.alert.IntegrationId;
import dev.clarion.audit.Actor;
import dev.clarion.audit.AuditLog;
import dev.clarion.incident.Incident;
import dev.clarion.incident.IncidentFilter;
import dev.clarion.incident.IncidentService;
import dev.clarion.incident.IncidentStatus;
import dev.clarion.problem.Problem;
import dev.clarion.routing.RoutingRule;
import dev.clarion.service.Service;
import dev.clarion.service.ServiceDirectory;
import dev.clarion.service.ServiceId;
import dev.clarion.store.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Opens, schedules, extends and ends maintenance windows, answers "is this service in maintenance
 * now" for ingest, previews what a window would silence, and applies each service's {@link
 * EndPolicy} once a window is over. Every change is validated completely before anything is
 * written, runs in one transaction and is audited ({@code maintenance.start}, {@code
 * .schedule}, {@code .extend}, {@code .end}, {@code .cancel}).
 */
public final class MaintenanceService {
  /** Seed 001 allows at most five upcoming windows at a time. */
  public static final int MAX_SCHEDULED = 5;

  private static final Instant FAR_FUTURE = Instant.parse("9999-01-01T00:00:00Z");
  private static final int MAX_PREVIEW_INCIDENTS = 50;

  private final MaintenanceStore store;
  private final ServiceDirectory services;
  private final IntegrationDirectory integrations;
  private final IncidentService incidents;
  private final AlertStore alerts;
  private final AuditLog audit;
  private final Transactions tx;
  private final Clock clock;
  private final MaintenanceSettings settings;

  public MaintenanceService(
      MaintenanceStore store,
      ServiceDirectory services,
      IntegrationDirectory integrations,
      IncidentService incidents,
      AlertStore alerts,
      AuditLog audit,
      Transactions tx,
      Clock clock,
      MaintenanceSettings settings) {
    this.store = store;
    this.services = services;
    this.integrations = integrations;
    this.incidents = incidents;
    this.alerts = alerts;
    this.audit = audit;
    this.tx = tx;
    this.clock = clock;
    this.settings = settings;
  }

  public Instant now() {
    return clock.instant();
  }

  public MaintenanceSettings settings() {
    return settings;
  }

  /** The predicate ingest uses: is {@code service} inside an active window right now? */
  public boolean inMaintenance(ServiceId service) {
    Instant now = clock.instant();
    // Stores keep microseconds; the exact instant is checked by activeAt below.
    for (MaintenanceWindow w : store.overlapping(now, now.plus(1, ChronoUnit.MICROS))) {
      if (w.services().contains(service) && w.activeAt(now)) {
        return true;
      }
    }
    return false;
  }

  /** What a window over {@code serviceIds} lasting {@code duration} would silence now. */
  public Preview preview(Set<ServiceId> serviceIds, Duration duration) {
    List<Service> known = knownServices(serviceIds);
    checkDuration(duration);
    Instant now = clock.instant();
    List<IntegrationId> feeding = new ArrayList<>();
    long alertsLastHour = 0;
    for (Integration integration : integrations.all()) {
      if (feeds(integration, serviceIds)) {
        feeding.add(integration.id());
        alertsLastHour += alerts.countSince(integration.id(), now.minus(Duration.ofHours(1)));
      }
    }
    List<Incident> open = new ArrayList<>();
    for (ServiceId s : sorted(serviceIds)) {
      open.addAll(incidents.list(new IncidentFilter(
          Set.of(IncidentStatus.TRIGGERED, IncidentStatus.ACKNOWLEDGED), Optional.of(s), Set.of(),
          Optional.empty(), Optional.empty(), Optional.empty(), MAX_PREVIEW_INCIDENTS)));
    }
    return new Preview(known, feeding, open, alertsLastHour, duration);
  }

  private static boolean feeds(Integration integration, Set<ServiceId> serviceIds) {
    if (serviceIds.contains(integration.defaultService())) {
      return true;
    }
    for (RoutingRule rule : integration.rules()) {
      if (rule.routeTo().filter(serviceIds::contains).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /** Opens a window now for {@code duration}. */
  public MaintenanceWindow start(
      Actor actor, Set<ServiceId> serviceIds, Duration duration, String reason) {
    checkDuration(duration);
    Instant now = clock.instant();
    return create(actor, serviceIds, now, now.plus(duration), reason, "maintenance.start");
  }

  /** Schedules a window; {@code start} may be now or later. */
  public MaintenanceWindow schedule(
      Actor actor, Set<ServiceId> serviceIds, Instant start, Instant end, String reason) {
    Instant now = clock.instant();
    if (start.isBefore(now.minusSeconds(60))) {
      throw Problem.invalid("start", "the start " + start + " is in the past");
    }
    if (!end.isAfter(start)) {
      throw Problem.invalid("end", "the end " + end + " is not after the start " + start);
    }
    checkDuration(Duration.between(start, end));
    if (start.isAfter(now)) {
      long upcoming = store.overlapping(now, FAR_FUTURE).stream()
          .filter(w -> w.status(now) == MaintenanceWindow.Status.SCHEDULED).count();
      if (upcoming >= MAX_SCHEDULED) {
        throw Problem.invalid("start", "at most " + MAX_SCHEDULED
            + " windows may be scheduled ahead; end or cancel one first");
      }
    }
    return create(actor, serviceIds, start, end, reason, "maintenance.schedule");
  }

  private MaintenanceWindow create(
      Actor actor, Set<ServiceId> serviceIds, Instant start, Instant end, String reason,
      String action) {
    knownServices(serviceIds);
    return tx.inTransaction(() -> {
      checkNoOverlap(serviceIds, start, end, Optional.empty());
      MaintenanceWindow w = store.add(
          new NewWindow(serviceIds, start, end, reason, actor.display(), clock.instant()));
      audit.record(clock.instant(), actor, action, target(w.id()), describe(w));
      return w;
    });
  }

  /** Moves the end of an active or scheduled window later by {@code by}. */
  public MaintenanceWindow extend(Actor actor, MaintenanceId id, Duration by) {
    if (by.isNegative() || by.isZero()) {
      throw Problem.invalid("duration", "extend by a positive duration, not " + by);
    }
    return tx.inTransaction(() -> {
      MaintenanceWindow w = require(id);
      MaintenanceWindow.Status status = w.status(clock.instant());
      if (status == MaintenanceWindow.Status.ENDED || status == MaintenanceWindow.Status.CANCELLED) {
        throw Problem.conflict("window #" + id + " is " + status.label() + "; start a new one");
      }
      Instant newEnd = w.end().plus(by);
      if (Duration.between(w.start(), newEnd).compareTo(settings.maxDuration()) > 0) {
        throw Problem.invalid("duration", "window #" + id + " would last "
            + human(Duration.between(w.start(), newEnd)) + "; the limit is "
            + human(settings.maxDuration()));
      }
      checkNoOverlap(w.services(), w.end(), newEnd, Optional.of(id));
      MaintenanceWindow changed = w.withEnd(newEnd, Optional.empty());
      store.update(changed);
      audit.record(clock.instant(), actor, "maintenance.extend", target(id),
          "end " + w.end() + " -> " + newEnd);
      return changed;
    });
  }

  /**
   * Ends an active window now (or cancels a scheduled one) and applies the end-of-window policy
   * at once, so incidents do not wait for the next sweep.
   */
  public MaintenanceWindow end(Actor actor, MaintenanceId id) {
    MaintenanceWindow ended = tx.inTransaction(() -> {
      MaintenanceWindow w = require(id);
      Instant now = clock.instant();
      MaintenanceWindow.Status status = w.status(now);
      if (status == MaintenanceWindow.Status.ENDED || status == MaintenanceWindow.Status.CANCELLED) {
        throw Problem.conflict("window #" + id + " is already " + status.label());
      }
      boolean cancel = status == MaintenanceWindow.Status.SCHEDULED;
      MaintenanceWindow changed =
          w.withEnd(cancel ? w.start() : now, Optional.of(actor.display()));
      store.update(changed);
      audit.record(now, actor, cancel ? "maintenance.cancel" : "maintenance.end", target(id),
          describe(changed));
      return changed;
    });
    closeEnded();
    return store.find(id).orElse(ended);
  }

  /** Active and scheduled windows, oldest first. */
  public List<MaintenanceWindow> current() {
    Instant now = clock.instant();
    return store.overlapping(now, FAR_FUTURE).stream()
        .filter(w -> w.status(now) == MaintenanceWindow.Status.ACTIVE
            || w.status(now) == MaintenanceWindow.Status.SCHEDULED)
        .toList();
  }

  /** All windows, newest first: who opened them, when, why, and who ended them early. */
  public List<MaintenanceWindow> history(int limit) {
    if (limit < 1 || limit > 500) {
      throw Problem.invalid("limit", "limit must be between 1 and 500, got " + limit);
    }
    return store.history(limit);
  }

  public MaintenanceWindow get(MaintenanceId id) {
    return require(id);
  }

  /**
   * Applies the end-of-window policy of every window that is over and not yet closed: for each of
   * its services whose policy is {@link EndPolicy#ESCALATE} and that no other window still covers,
   * still-open suppressed incidents start escalating now. Idempotent; the server calls it
   * periodically. Returns how many incidents it escalated. Synchronized so that the server's
   * sweep and a person's {@code end} on the same node cannot both escalate one window (a second
   * START would page twice); across nodes the engine applies START idempotently.
   */
  public synchronized int closeEnded() {
    return tx.inTransaction(() -> {
      Instant now = clock.instant();
      int escalated = 0;
      for (MaintenanceWindow w : store.endedNotClosed(now)) {
        for (ServiceId service : w.services()) {
          if (settings.endPolicy(service) == EndPolicy.ESCALATE && !inMaintenance(service)) {
            escalated += escalateSuppressed(service, w);
          }
        }
        store.update(w.asClosed());
      }
      return escalated;
    });
  }

  private int escalateSuppressed(ServiceId service, MaintenanceWindow w) {
    int count = 0;
    List<Incident> open = incidents.list(new IncidentFilter(
        Set.of(IncidentStatus.TRIGGERED, IncidentStatus.ACKNOWLEDGED), Optional.of(service),
        Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), IncidentFilter.MAX_LIMIT));
    for (Incident incident : open) {
      if (incident.suppressed()) {
        incidents.escalateSuppressed(incident.id(), Actor.system("maintenance"),
            "maintenance window #" + w.id() + " ended; " + service + " escalates after maintenance");
        count++;
      }
    }
    return count;
  }

  private void checkNoOverlap(
      Set<ServiceId> serviceIds, Instant start, Instant end, Optional<MaintenanceId> except) {
    for (MaintenanceWindow other : store.overlapping(start, end)) {
      if (except.equals(Optional.of(other.id()))
          || other.status(clock.instant()) == MaintenanceWindow.Status.CANCELLED) {
        continue;
      }
      Set<String> shared = other.services().stream().filter(serviceIds::contains)
          .map(ServiceId::value).collect(Collectors.toCollection(TreeSet::new));
      if (!shared.isEmpty()) {
        throw Problem.invalid(except.isPresent() ? "duration" : "start",
            "overlaps window #" + other.id() + " (" + other.start() + " to " + other.end()
                + ") for " + String.join(", ", shared) + "; extend that one instead");
      }
    }
  }

  private List<Service> knownServices(Set<ServiceId> serviceIds) {
    if (serviceIds.isEmpty()) {
      throw Problem.invalid("service", "name at least one service");
    }
    List<Service> known = new ArrayList<>();
    for (ServiceId id : sorted(serviceIds)) {
      known.add(services.find(id).orElseThrow(() -> Problem.invalid("service",
          "unknown service '" + id + "'; known: " + services.all().stream()
              .map(s -> s.id().value()).sorted().collect(Collectors.joining(", ")))));
    }
    return known;
  }

  private static List<ServiceId> sorted(Set<ServiceId> ids) {
    return ids.stream().sorted(Comparator.comparing(ServiceId::value)).toList();
  }

  private void checkDuration(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw Problem.invalid("duration", "a window must last a positive time, not " + human(duration));
    }
    if (duration.compareTo(settings.maxDuration()) > 0) {
      throw Problem.invalid("duration", human(duration) + " is longer than the limit of "
          + human(settings.maxDuration()) + " (maintenance.max_duration_hours)");
    }
  }

  private MaintenanceWindow require(MaintenanceId id) {
    return store.find(id).orElseThrow(() -> Problem.notFound("no maintenance window #" + id));
  }

  private static String target(MaintenanceId id) {
    return "maintenance:" + id;
  }

  private static String describe(MaintenanceWindow w) {
    return w.services().stream().map(ServiceId::value).sorted().collect(Collectors.joining(","))
        + " " + w.start() + " to " + w.end() + (w.reason().isEmpty() ? "" : " (" + w.reason() + ")");
  }

  /** 90 minutes as "1h30m"; used in messages. */
  public static String human(Duration d) {
    if (d.isNegative()) {
      return "-" + human(d.negated());
    }
    long minutes = d.toMinutes();
    if (minutes == 0) {
      return d.getSeconds() + "s";
    }
    long days = minutes / (24 * 60);
    long hours = minutes / 60 % 24;
    long mins = minutes % 60;
    return (days > 0 ? days + "d" : "") + (hours > 0 ? hours + "h" : "")
        + (mins > 0 ? mins + "m" : "");
  }
}
