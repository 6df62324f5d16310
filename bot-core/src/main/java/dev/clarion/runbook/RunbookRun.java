package dev.clarion.runbook;

import dev.clarion.incident.IncidentId;
import dev.clarion.user.Role;
import dev.clarion.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a runbook.
 *
 * @param step the step it waits at or failed at, if any
 * @param detail what it waits for (an approval's or prompt's question) or the error it failed with
 * @param choices the answers a prompt offers (empty otherwise)
 * @param approverRole the role an approval it waits for needs
 */
public record RunbookRun(
    RunId id,
    RunbookId runbook,
    Optional<IncidentId> incident,
    UserId requester,
    RunStatus status,
    Optional<String> step,
    Optional<String> detail,
    List<String> choices,
    Optional<Role> approverRole,
    Map<String, String> parameters,
    Instant startedAt,
    Optional<Instant> endedAt) {

  public RunbookRun {
    choices = List.copyOf(choices);
    parameters = Map.copyOf(parameters);
  }

  /** Running again (after an answer, an approval or a retry). */
  public RunbookRun running() {
    return new RunbookRun(id, runbook, incident, requester, RunStatus.RUNNING, Optional.empty(),
        Optional.empty(), List.of(), Optional.empty(), parameters, startedAt, Optional.empty());
  }

  public RunbookRun waiting(RunStatus newStatus, String atStep, String question,
      List<String> newChoices, Optional<Role> role) {
    return new RunbookRun(id, runbook, incident, requester, newStatus, Optional.of(atStep),
        Optional.of(question), newChoices, role, parameters, startedAt, Optional.empty());
  }

  public RunbookRun failed(String atStep, String error) {
    return new RunbookRun(id, runbook, incident, requester, RunStatus.FAILED, Optional.of(atStep),
        Optional.of(error), List.of(), Optional.empty(), parameters, startedAt, Optional.empty());
  }

  public RunbookRun ended(RunStatus finalStatus, Optional<String> why, Instant at) {
    return new RunbookRun(id, runbook, incident, requester, finalStatus, step, why, List.of(),
        Optional.empty(), parameters, startedAt, Optional.of(at));
  }
}
