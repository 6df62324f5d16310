package dev.clarion.runbook;

import java.util.Map;

/** Runs runbook processes (the BPMN adapter implements it). */
public interface RunbookEngine {
  boolean isReady();

  String state();

  /** Starts the run's process with its parameters as variables. */
  void start(RunbookRun run);

  /** Completes the approval or prompt the run waits at, with {@code variables} set. */
  void completeWaitingStep(RunbookRun run, Map<String, Object> variables);

  /** Runs the failed step again; false if the run has no failed step. */
  boolean retryFailedStep(RunbookRun run);

  /** Ends the run's process, wherever it is. */
  void cancel(RunbookRun run, String reason);

  /** No engine (no runbooks configured). */
  RunbookEngine NONE = new RunbookEngine() {
    @Override
    public boolean isReady() {
      return false;
    }

    @Override
    public String state() {
      return "no runbooks";
    }

    @Override
    public void start(RunbookRun run) {
      throw new IllegalStateException("no runbook engine");
    }

    @Override
    public void completeWaitingStep(RunbookRun run, Map<String, Object> variables) {
      throw new IllegalStateException("no runbook engine");
    }

    @Override
    public boolean retryFailedStep(RunbookRun run) {
      return false;
    }

    @Override
    public void cancel(RunbookRun run, String reason) {}
  };
}
