package dev.clarion.runbook;

import dev.clarion.incident.IncidentId;
import dev.clarion.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Where runs and their finished steps are kept. Writes join the caller's transaction. */
public interface RunStore {
  RunbookRun create(RunbookId runbook, Optional<IncidentId> incident, UserId requester,
      Map<String, String> parameters, Instant at);

  Optional<RunbookRun> find(RunId id);

  /** Newest first; all runs when {@code incident} is empty. */
  List<RunbookRun> list(Optional<IncidentId> incident, int limit);

  void update(RunbookRun run);

  /**
   * The outputs a step recorded under {@code key} when it succeeded, if it did: a re-delivered
   * engine job replays them instead of running the step again.
   */
  Optional<Map<String, String>> succeededStep(RunId run, String key);

  void recordStep(RunId run, String key, String step, Map<String, String> outputs, Instant at);
}
