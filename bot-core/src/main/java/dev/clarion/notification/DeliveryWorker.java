package dev.clarion.notification;

import dev.clarion.api.Capability;
import dev.clarion.api.ChannelPlugin;
import dev.clarion.api.DeliveryResult;
import dev.clarion.api.MessageRef;
import dev.clarion.api.Outgoing;
import dev.clarion.incident.IncidentStore;
import dev.clarion.incident.TimelineEntry;
import dev.clarion.store.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox. Each {@link #runOnce()} pass (from one scheduling thread) takes the rows that
 * are due, first in line for their message, and within their channel's limits, leases them, and
 * hands each to the executor for one {@link ChannelPlugin#deliver} call; the outcome is recorded in
 * its own transaction. A destination that answered Retry-After is paused until exactly then, so
 * no other message to it wastes a call meanwhile.
 */
public final class DeliveryWorker {
  private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
  private static final int BATCH = 100;

  private final NotificationStore store;
  private final IncidentStore incidents;
  private final ChannelRegistry channels;
  private final DeliveryPolicy policy;
  private final Transactions transactions;
  private final Clock clock;
  private final RandomGenerator random;
  private final Executor executor;
  private final Duration lease;

  private final Set<NotificationId> inFlight = ConcurrentHashMap.newKeySet();
  private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();
  private final Map<String, SlidingWindowLimiter> limiters = new HashMap<>();

  public DeliveryWorker(NotificationStore store, IncidentStore incidents, ChannelRegistry channels,
      DeliveryPolicy policy, Transactions transactions, Clock clock, RandomGenerator random,
      Executor executor, Duration lease) {
    this.store = store;
    this.incidents = incidents;
    this.channels = channels;
    this.policy = policy;
    this.transactions = transactions;
    this.clock = clock;
    this.random = random;
    this.executor = executor;
    this.lease = lease;
  }

  /** One pass; returns how many deliveries it started. Call from one thread only. */
  public int runOnce() {
    List<Taken> taken = new ArrayList<>();
    try {
      transactions.inTransaction(() -> take(taken));
    } catch (RuntimeException e) {
      // Nothing was leased: give the tokens back and forget the rows, the next pass sees them again.
      for (Taken t : taken) {
        t.release(clock.instant());
        inFlight.remove(t.notification().id());
      }
      throw e;
    }
    for (Taken t : taken) {
      try {
        executor.execute(() -> deliver(t));
      } catch (RuntimeException e) {
        // executor shut down: the lease expires and another pass retries
        t.release(clock.instant());
        inFlight.remove(t.notification().id());
      }
    }
    return taken.size();
  }

  /** Deliveries started and not yet recorded. */
  public int inFlight() {
    return inFlight.size();
  }

  /** A leased row and the two tokens it spent. */
  private record Taken(Notification notification, SlidingWindowLimiter.Permit global,
      SlidingWindowLimiter.Permit local) {
    void release(Instant at) {
      global.release(at);
      local.release(at);
    }
  }

  private List<Taken> take(List<Taken> taken) {
    Instant now = clock.instant();
    for (Notification n : store.due(now, BATCH)) {
      if (inFlight.contains(n.id())) {
        continue;
      }
      Optional<ChannelPlugin> plugin = channels.channel(n.channel());
      if (plugin.isEmpty()) {
        dead(n, now, "no channel plugin '" + n.channel() + "' is loaded");
        continue;
      }
      if (n.lane() == Lane.UPDATE && canEdit(plugin.get()) && store.supersede(n)) {
        continue;
      }
      String destination = n.channel() + "/" + n.destination();
      Instant paused = pausedUntil.get(destination);
      if (paused != null && now.isBefore(paused)) {
        continue;
      }
      SlidingWindowLimiter global = limiter(n.channel(), plugin.get(), true);
      SlidingWindowLimiter local = limiter(destination, plugin.get(), false);
      if (!global.available() || !local.available()) {
        continue;
      }
      store.lease(n.id(), now.plus(lease));
      inFlight.add(n.id());
      taken.add(new Taken(n, global.take(), local.take()));
    }
    return taken;
  }

  private void deliver(Taken taken) {
    Notification n = taken.notification();
    try {
      ChannelPlugin plugin = channels.channel(n.channel()).orElseThrow();
      Optional<MessageRef> replaces = n.lane() == Lane.UPDATE && canEdit(plugin)
          ? store.firstMessageRef(n.messageKey()).map(MessageRef::new)
          : Optional.empty();
      Optional<MessageRef> thread = n.lane() == Lane.THREAD
          ? store.firstMessageRef(n.messageKey()).map(MessageRef::new)
          : Optional.empty();
      DeliveryResult result;
      try {
        result = n.lane() == Lane.THREAD && thread.isEmpty()
            // The page this would reply under was never delivered: a reply alone means nothing.
            ? DeliveryResult.permanentFailure("no delivered message to reply under")
            : plugin.deliver(new Outgoing(n.key(), n.destination(), n.event(), n.fields(),
                n.locale(), n.zone(), replaces, thread));
      } catch (RuntimeException e) {
        log.warn("channel {} threw on notification {}: {}", n.channel(), n.id(), e.toString());
        result = DeliveryResult.transientFailure("the plugin threw " + e);
      }
      // Record first, then return the permits: a 429 must set the destination's pause before
      // the limiter lets the next message (of another incident) through, or that one overtakes.
      record(n, result);
      taken.release(clock.instant());
    } catch (RuntimeException e) {
      log.error("recording notification {} failed; its lease will expire and it is retried",
          n.id(), e);
    } finally {
      taken.release(clock.instant()); // no-op unless the plugin call itself failed to return
      inFlight.remove(n.id());
    }
  }

  private void record(Notification n, DeliveryResult result) {
    Instant now = clock.instant();
    transactions.inTransaction(() -> {
      if (result instanceof DeliveryResult.Delivered d) {
        store.markDelivered(n.id(), now, d.ref().value());
        incidents.appendTimeline(n.incident(), now, TimelineEntry.Kind.NOTIFIED,
            "channel:" + n.channel(),
            "notified " + n.channel() + " " + n.destination() + " (" + n.event() + ")");
      } else if (result instanceof DeliveryResult.RetryAfter r) {
        pausedUntil.put(n.channel() + "/" + n.destination(), now.plus(r.delay()));
        store.retryAt(n.id(), now.plus(r.delay()), false, "rate limited: retry after " + r.delay());
      } else if (result instanceof DeliveryResult.Failed f) {
        int attempts = n.attempts() + 1;
        if (f.permanent() || policy.exhausted(attempts)) {
          dead(n, now, (f.permanent() ? "refused" : "gave up after " + attempts + " attempts")
              + ": " + f.reason());
        } else {
          store.retryAt(n.id(), now.plus(policy.backoff(attempts, random)), true, f.reason());
        }
      }
      return null;
    });
  }

  private void dead(Notification n, Instant now, String reason) {
    store.markDead(n.id(), now, reason);
    incidents.appendTimeline(n.incident(), now, TimelineEntry.Kind.NOTIFIED,
        "channel:" + n.channel(),
        "notification to " + n.channel() + " " + n.destination() + " (" + n.event()
            + ") dead-lettered: " + reason);
    log.warn("notification {} dead-lettered: {}", n.id(), reason);
  }

  private SlidingWindowLimiter limiter(String key, ChannelPlugin plugin, boolean global) {
    return limiters.computeIfAbsent((global ? "*" : "") + key, k -> new SlidingWindowLimiter(
        global ? plugin.rateLimits().global() : plugin.rateLimits().perDestination(), clock));
  }

  private static boolean canEdit(ChannelPlugin plugin) {
    return plugin.capabilities().contains(Capability.EDIT_MESSAGE);
  }
}
