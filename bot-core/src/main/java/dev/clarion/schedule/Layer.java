package dev.clarion.schedule;

import dev.clarion.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One layer of a schedule: members taking turns by a {@link Rotation} that starts on {@code
 * startDate} at the {@code handoff} time in {@code zone}, optionally only inside {@link
 * Restriction} windows. Before its first handoff a layer has nobody.
 *
 * <p>The roster can change over time ({@link Member#from()}/{@link Member#until()}); the layer
 * precomputes one epoch per roster change so that "who is on call at T" stays a constant-time
 * calculation plus a binary search.
 */
public final class Layer {
  private final String name;
  private final List<Member> members;
  private final Rotation rotation;
  private final LocalDate startDate;
  private final LocalTime handoff;
  private final ZoneId zone;
  private final List<Restriction> restrictions;
  private final Instant anchor;
  private final long[] epochStarts;
  private final List<List<UserId>> epochRosters;
  private final int[] epochOffsets;

  public Layer(
      String name,
      List<Member> members,
      Rotation rotation,
      LocalDate startDate,
      LocalTime handoff,
      ZoneId zone,
      List<Restriction> restrictions) {
    this.name = Objects.requireNonNull(name, "name");
    this.members = List.copyOf(members);
    this.rotation = Objects.requireNonNull(rotation, "rotation");
    this.startDate = Objects.requireNonNull(startDate, "startDate");
    this.handoff = Objects.requireNonNull(handoff, "handoff");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.restrictions = List.copyOf(restrictions);
    this.anchor = ZonedDateTime.of(startDate, handoff, zone).toInstant();

    TreeSet<Long> starts = new TreeSet<>();
    starts.add(0L);
    for (Member m : this.members) {
      m.from().ifPresent(f -> starts.add(Math.max(0, ceilIndex(f))));
      m.until().ifPresent(u -> starts.add(Math.max(0, ceilIndex(u))));
    }
    epochStarts = starts.stream().mapToLong(Long::longValue).toArray();
    epochRosters = new ArrayList<>();
    epochOffsets = new int[epochStarts.length];
    UserId last = null;
    List<UserId> lastRoster = List.of();
    for (int e = 0; e < epochStarts.length; e++) {
      Instant at = boundary(epochStarts[e]);
      List<UserId> roster = new ArrayList<>();
      for (Member m : this.members) {
        if (m.activeAt(at) && !roster.contains(m.user())) {
          roster.add(m.user());
        }
      }
      epochRosters.add(List.copyOf(roster));
      epochOffsets[e] = firstPosition(roster, lastRoster, last);
      if (!roster.isEmpty()) {
        long shifts = e + 1 < epochStarts.length ? epochStarts[e + 1] - epochStarts[e] : 1;
        last = roster.get((int) ((epochOffsets[e] + shifts - 1) % roster.size()));
        lastRoster = roster;
      }
    }
  }

  /**
   * The fairness rule: if the person who had the last turn stays, the turn passes to whoever
   * follows them in the new order; if they left, to the first person after them in the old order
   * who stays; if nobody stays (or there was no one before), to the head of the new order.
   */
  private static int firstPosition(List<UserId> roster, List<UserId> previous, UserId last) {
    if (roster.isEmpty() || last == null) {
      return 0;
    }
    int mine = roster.indexOf(last);
    if (mine >= 0) {
      return (mine + 1) % roster.size();
    }
    int old = previous.indexOf(last);
    for (int i = 1; i <= previous.size(); i++) {
      int next = roster.indexOf(previous.get((old + i) % previous.size()));
      if (next >= 0) {
        return next;
      }
    }
    return 0;
  }

  public String name() {
    return name;
  }

  public List<Member> members() {
    return members;
  }

  public Rotation rotation() {
    return rotation;
  }

  public LocalDate startDate() {
    return startDate;
  }

  public LocalTime handoff() {
    return handoff;
  }

  public ZoneId zone() {
    return zone;
  }

  public List<Restriction> restrictions() {
    return restrictions;
  }

  /** The instant of handoff {@code k}; handoff 0 is the layer's start. */
  Instant boundary(long k) {
    if (rotation.unit() == Rotation.Unit.HOURS) {
      return anchor.plus(rotation.hours().multipliedBy(k));
    }
    return ZonedDateTime.of(startDate.plusDays(k * rotation.length()), handoff, zone).toInstant();
  }

  /** The number of the turn in progress at {@code t}: the largest k with boundary(k) <= t. */
  long indexAt(Instant t) {
    long k;
    if (rotation.unit() == Rotation.Unit.HOURS) {
      k = Math.floorDiv(Duration.between(anchor, t).getSeconds(), rotation.hours().getSeconds());
    } else {
      long days = ChronoUnit.DAYS.between(startDate, t.atZone(zone).toLocalDate());
      k = Math.floorDiv(days, rotation.length());
    }
    while (boundary(k).isAfter(t)) {
      k--;
    }
    while (!boundary(k + 1).isAfter(t)) {
      k++;
    }
    return k;
  }

  private long ceilIndex(Instant t) {
    long k = indexAt(t);
    return boundary(k).equals(t) ? k : k + 1;
  }

  /** Who this layer puts on call at {@code t}, before overrides; empty outside restrictions. */
  public Optional<UserId> onCallAt(Instant t) {
    if (!inRestrictions(t)) {
      return Optional.empty();
    }
    return rotationAt(t);
  }

  /** Whose turn it is at {@code t}, ignoring restrictions. */
  Optional<UserId> rotationAt(Instant t) {
    long k = indexAt(t);
    if (k < 0) {
      return Optional.empty();
    }
    int e = epochOf(k);
    List<UserId> roster = epochRosters.get(e);
    if (roster.isEmpty()) {
      return Optional.empty();
    }
    long turn = epochOffsets[e] + (k - epochStarts[e]);
    return Optional.of(roster.get((int) (turn % roster.size())));
  }

  private boolean inRestrictions(Instant t) {
    if (restrictions.isEmpty()) {
      return true;
    }
    for (Restriction r : restrictions) {
      if (r.contains(t, zone)) {
        return true;
      }
    }
    return false;
  }

  private int epochOf(long k) {
    int lo = 0;
    int hi = epochStarts.length - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (epochStarts[mid] <= k) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** Adds every instant in [from, to) where this layer's answer may change. */
  void edges(Instant from, Instant to, List<Instant> edges) {
    long k = Math.max(0, indexAt(from));
    for (Instant b = boundary(k); b.isBefore(to); b = boundary(++k)) {
      if (!b.isBefore(from)) {
        edges.add(b);
      }
    }
    for (Restriction r : restrictions) {
      r.edges(from, to, zone, edges);
    }
  }
}
