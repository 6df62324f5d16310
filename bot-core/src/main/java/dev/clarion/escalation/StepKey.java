package dev.clarion.escalation;

import dev.clarion.incident.IncidentId;
import java.util.Objects;

/**
 * Identifies one execution of one escalation step: the engine may run a step twice (it is
 * at-least-once), so pages are keyed by this and recorded once. {@code run} distinguishes two
 * escalations of the same incident (e.g. re-triggered after an acknowledgement).
 */
public record StepKey(IncidentId incident, String run, String step, int round) {
  public StepKey {
    Objects.requireNonNull(incident, "incident");
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(step, "step");
  }

  /** True for a policy's very first page; later ones are escalations. */
  public boolean isFirst() {
    return round == 1 && step.equals("step-1");
  }
}
