package dev.clarion.runbook;

/**
 * A step did not do its job (unexpected status, exit code, timeout, refusal). Its message is shown
 * in chat, so it never carries a secret value.
 */
public class StepFailure extends RuntimeException {
  private final boolean refused;

  public StepFailure(String message) {
    this(message, false);
  }

  private StepFailure(String message, boolean refused) {
    super(message, null, false, false);
    this.refused = refused;
  }

  /** A safety rule refused the step (host or command not allowed): audited as a refusal. */
  public static StepFailure refused(String message) {
    return new StepFailure(message, true);
  }

  public boolean isRefusal() {
    return refused;
  }
}
