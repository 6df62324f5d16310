package dev.clarion.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** A fake {@link OverrideStore} for unit tests. */
final class InMemoryOverrideStore implements OverrideStore {
  private final TreeMap<Long, ScheduleOverride> rows = new TreeMap<>();
  private long next = 1;

  @Override
  public ScheduleOverride add(NewOverride draft) {
    ScheduleOverride o = draft.numbered(new OverrideId(next++));
    rows.put(o.id().value(), o);
    return o;
  }

  @Override
  public Optional<ScheduleOverride> find(OverrideId id) {
    return Optional.ofNullable(rows.get(id.value()));
  }

  @Override
  public void update(ScheduleOverride changed) {
    rows.put(changed.id().value(), changed);
  }

  @Override
  public boolean remove(OverrideId id) {
    return rows.remove(id.value()) != null;
  }

  @Override
  public List<ScheduleOverride> overlapping(ScheduleId schedule, Instant from, Instant to) {
    return rows.values().stream()
        .filter(o -> o.schedule().equals(schedule) && o.overlaps(from, to))
        .toList();
  }

  int size() {
    return rows.size();
  }
}
