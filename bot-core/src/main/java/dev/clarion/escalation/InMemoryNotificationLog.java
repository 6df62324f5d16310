package dev.clarion.escalation;

import dev.clarion.incident.IncidentId;
import dev.clarion.user.UserId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A {@link NotificationLog} in memory, for the simulator, which must not touch real data. */
public final class InMemoryNotificationLog implements NotificationLog {
  private final Map<StepKey, List<UserId>> pages = new LinkedHashMap<>();

  @Override
  public synchronized Optional<List<UserId>> find(StepKey key) {
    return Optional.ofNullable(pages.get(key));
  }

  @Override
  public synchronized void record(StepKey key, List<UserId> recipients, Instant at) {
    if (pages.putIfAbsent(key, List.copyOf(recipients)) != null) {
      throw new IllegalStateException("step already recorded: " + key);
    }
  }

  @Override
  public synchronized Set<UserId> paged(IncidentId incident) {
    Set<UserId> all = new LinkedHashSet<>();
    pages.forEach((k, v) -> {
      if (k.incident().equals(incident)) {
        all.addAll(v);
      }
    });
    return all;
  }
}
