package dev.clarion.workflow.bpmn;

import java.util.List;

/** Escalation policies that must not be deployed, with every reason found. */
public final class PolicyException extends RuntimeException {
  private final List<String> problems;

  public PolicyException(List<String> problems) {
    super(String.join("\n", problems), null, false, false);
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
