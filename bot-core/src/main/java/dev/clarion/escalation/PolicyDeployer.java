package dev.clarion.escalation;

import java.util.List;

/**
 * Validates every escalation policy (the workflow files and clarion.yml's) and deploys the changed
 * ones into the running engine, or nothing at all when any is invalid. Running incidents keep the
 * version they started with; new ones get the new version. Implemented by the engine adapter.
 */
public interface PolicyDeployer {
  /** One policy after a deploy. */
  record Deployed(String policy, String origin, int version, boolean changed) {}

  /**
   * What a deploy did: {@code problems} empty and every policy in {@code deployed}, or the
   * problems and nothing deployed.
   */
  record Outcome(List<Deployed> deployed, List<String> problems) {
    public Outcome {
      deployed = List.copyOf(deployed);
      problems = List.copyOf(problems);
    }

    public boolean ok() {
      return problems.isEmpty();
    }
  }

  Outcome deploy();
}
