package dev.clarion.escalation;

import dev.clarion.incident.Incident;
import java.util.Optional;

/**
 * An {@link EscalationOutlook} that answers {@link EscalationOutlook#NONE} until the engine is
 * wired in: message fields and commands are built before the engine starts.
 */
public final class DeferredOutlook implements EscalationOutlook {
  private volatile EscalationOutlook target = EscalationOutlook.NONE;

  public void set(EscalationOutlook outlook) {
    this.target = outlook;
  }

  @Override
  public Optional<NextEscalation> next(Incident incident) {
    return target.next(incident);
  }
}
