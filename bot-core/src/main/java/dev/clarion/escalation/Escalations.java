package dev.clarion.escalation;

/**
 * The escalation engine, as the core sees it. {@link #apply} must be idempotent: the relay delivers
 * each command at least once (after a crash, possibly twice).
 */
public interface Escalations {
  void apply(WorkflowCommand command);

  /**
   * Whether commands can be applied now. While false (an engine still booting) the relay leaves
   * commands in the outbox instead of counting failures against them.
   */
  default boolean isReady() {
    return true;
  }

  /** Whether the engine is up; reported separately by {@code /readyz}. */
  default String state() {
    return "none";
  }

  /** Records commands as applied and does nothing else: incidents are tracked, nobody is paged. */
  Escalations NONE = command -> {};
}
