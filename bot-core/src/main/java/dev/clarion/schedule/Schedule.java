package dev.clarion.schedule;

import dev.clarion.service.ServiceId;
import dev.clarion.user.UserId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A schedule: layers, of which the later one wins wherever it has someone, plus overrides. All
 * methods are pure: overrides are passed in, time is a parameter.
 */
public record Schedule(
    ScheduleId id, String name, ZoneId timeZone, List<Layer> layers, Set<ServiceId> services) {
  public Schedule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(timeZone, "timeZone");
    layers = List.copyOf(layers);
    services = Set.copyOf(services);
    Set<String> names = new HashSet<>();
    for (Layer layer : layers) {
      if (!names.add(layer.name())) {
        throw new IllegalArgumentException("schedule " + id + ": two layers named " + layer.name());
      }
    }
  }

  public Optional<Layer> layer(String layerName) {
    return layers.stream().filter(l -> l.name().equals(layerName)).findFirst();
  }

  /**
   * Who is on call at {@code t}. {@code overrides} may include ones of other schedules or times;
   * they are filtered here. Empty means nobody.
   */
  public Optional<UserId> onCallAt(Instant t, List<ScheduleOverride> overrides) {
    ScheduleOverride wholeSchedule = null;
    List<ScheduleOverride> active = new ArrayList<>();
    for (ScheduleOverride o : overrides) {
      if (o.schedule().equals(id) && o.activeAt(t)) {
        active.add(o);
        if (o.target() instanceof OverrideTarget.WholeSchedule
            && (wholeSchedule == null || o.id().compareTo(wholeSchedule.id()) > 0)) {
          wholeSchedule = o;
        }
      }
    }
    if (wholeSchedule != null) {
      return Optional.of(wholeSchedule.coverer());
    }
    if (active.size() > 1) {
      active.sort(Comparator.comparing(ScheduleOverride::id));
    }
    Optional<UserId> who = Optional.empty();
    for (int i = layers.size() - 1; i >= 0 && who.isEmpty(); i--) {
      Layer layer = layers.get(i);
      who = layerCover(layer, active).or(() -> layer.onCallAt(t));
    }
    if (who.isEmpty()) {
      return who;
    }
    UserId current = who.get();
    for (ScheduleOverride o : active) {
      if (o.target() instanceof OverrideTarget.Person p && p.user().equals(current)) {
        current = o.coverer();
      }
    }
    return Optional.of(current);
  }

  private static Optional<UserId> layerCover(Layer layer, List<ScheduleOverride> active) {
    UserId coverer = null;
    for (ScheduleOverride o : active) {
      if (o.target() instanceof OverrideTarget.WholeLayer l && l.layer().equals(layer.name())) {
        coverer = o.coverer();
      }
    }
    return Optional.ofNullable(coverer);
  }

  /** One stretch of the final timeline; {@code user} empty is a gap in coverage. */
  record Segment(Instant start, Instant end, Optional<UserId> user) {}

  /** The final timeline over [from, to): adjacent equal answers merged, gaps included. */
  List<Segment> timeline(Instant from, Instant to, List<ScheduleOverride> overrides) {
    List<Instant> edges = new ArrayList<>();
    edges.add(from);
    for (Layer layer : layers) {
      layer.edges(from, to, edges);
    }
    for (ScheduleOverride o : overrides) {
      if (o.schedule().equals(id) && o.overlaps(from, to)) {
        if (o.start().isAfter(from)) {
          edges.add(o.start());
        }
        if (o.end().isBefore(to)) {
          edges.add(o.end());
        }
      }
    }
    List<Instant> sorted = edges.stream().distinct().sorted().toList();
    List<Segment> segments = new ArrayList<>();
    for (int i = 0; i < sorted.size(); i++) {
      Instant start = sorted.get(i);
      Instant end = i + 1 < sorted.size() ? sorted.get(i + 1) : to;
      Optional<UserId> who = onCallAt(start, overrides);
      int last = segments.size() - 1;
      if (last >= 0 && segments.get(last).user().equals(who)) {
        segments.set(last, new Segment(segments.get(last).start(), end, who));
      } else {
        segments.add(new Segment(start, end, who));
      }
    }
    return segments;
  }

  /** Final shifts overlapping [from, to), clipped to it. */
  public List<Shift> shifts(Instant from, Instant to, List<ScheduleOverride> overrides) {
    List<Shift> shifts = new ArrayList<>();
    for (Segment s : timeline(from, to, overrides)) {
      s.user().ifPresent(u -> shifts.add(new Shift(id, u, s.start(), s.end())));
    }
    return shifts;
  }

  /** Changes of who is on call strictly inside (from, to). */
  public List<Handoff> handoffs(Instant from, Instant to, List<ScheduleOverride> overrides) {
    List<Segment> segments = timeline(from, to, overrides);
    List<Handoff> handoffs = new ArrayList<>();
    for (int i = 1; i < segments.size(); i++) {
      handoffs.add(
          new Handoff(
              id, segments.get(i).start(), segments.get(i - 1).user(), segments.get(i).user()));
    }
    return handoffs;
  }
}
