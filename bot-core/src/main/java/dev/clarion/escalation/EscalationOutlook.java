package dev.clarion.escalation;

import dev.clarion.incident.Incident;
import java.util.Optional;

/**
 * What escalation will do next for an incident: the pending step, or empty when escalation has
 * stopped (acknowledged under an "acknowledged" policy, resolved), ended, or never started. The
 * engine adapter implements it from its pending timers and the policy's definition.
 */
public interface EscalationOutlook {
  Optional<NextEscalation> next(Incident incident);

  /** No engine: never a next step. */
  EscalationOutlook NONE = incident -> Optional.empty();
}
