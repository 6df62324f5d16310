package dev.clarion.workflow.bpmn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.repository.DeploymentWithDefinitions;
import org.operaton.bpm.engine.repository.ProcessDefinition;

/**
 * Deploys validated policies. A policy whose BPMN is byte-for-byte the last deployed one is left
 * alone (duplicate filtering); a changed one becomes a new version, which new incidents start
 * while running ones finish on the version they started with (the engine binds an instance to its
 * definition version).
 */
public final class PolicyDeployment {
  /** What happened to one policy. */
  public record Result(PolicyCatalog.Policy policy, int version, boolean changed) {
    public String describe() {
      return changed ? "deployed as version " + version : "unchanged (version " + version + ")";
    }
  }

  private PolicyDeployment() {}

  /** Deploys through a short-lived engine that runs no jobs (for the CLI). */
  public static List<Result> deploy(DataSource dataSource, List<PolicyCatalog.Policy> policies) {
    ProcessEngine engine = EngineSetup.build(dataSource, false, Map.of());
    try {
      return deploy(engine, policies);
    } finally {
      engine.close();
    }
  }

  static List<Result> deploy(ProcessEngine engine, List<PolicyCatalog.Policy> policies) {
    RepositoryService repository = engine.getRepositoryService();
    List<Result> results = new ArrayList<>();
    for (PolicyCatalog.Policy policy : policies) {
      DeploymentWithDefinitions deployment =
          repository
              .createDeployment()
              .name(policy.processKey())
              .enableDuplicateFiltering(true)
              .addString(policy.name() + ".bpmn", policy.xml())
              .deployWithResult();
      List<ProcessDefinition> deployed = deployment.getDeployedProcessDefinitions();
      boolean changed = deployed != null && !deployed.isEmpty();
      ProcessDefinition latest =
          repository
              .createProcessDefinitionQuery()
              .processDefinitionKey(policy.processKey())
              .latestVersion()
              .singleResult();
      results.add(new Result(policy, latest == null ? 0 : latest.getVersion(), changed));
    }
    return results;
  }
}
