package dev.clarion.runbook;

import java.util.Locale;

/** Where a run is. FAILED runs can be retried from the failed step; the last three are final. */
public enum RunStatus {
  RUNNING,
  WAITING_APPROVAL,
  WAITING_INPUT,
  FAILED,
  SUCCEEDED,
  /** Denied at an approval or cancelled by hand. */
  CANCELLED;

  public boolean isOver() {
    return this == SUCCEEDED || this == CANCELLED;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
