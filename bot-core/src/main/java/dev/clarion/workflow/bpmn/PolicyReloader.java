package dev.clarion.workflow.bpmn;

import dev.clarion.escalation.PolicyDeployer;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PolicyDeployer} for a running server: loads and validates the whole catalog (any problem
 * and nothing is deployed), then deploys it into the running engine, where an unchanged policy
 * stays at its version and a changed one becomes a new version for new incidents. One deploy at a
 * time (the API and the file watcher may ask together).
 */
public final class PolicyReloader implements PolicyDeployer {
  private static final Logger log = LoggerFactory.getLogger(PolicyReloader.class);

  private final Supplier<List<PolicyCatalog.Policy>> catalog;
  private final Supplier<Optional<BpmnEscalationEngine>> engine;
  private final Consumer<List<PolicyCatalog.Policy>> deployed;

  /**
   * @param catalog loads and validates every policy; throws {@link PolicyException} with the
   *     problems
   * @param engine the running engine, if this server runs one
   * @param deployed told the policies after each successful deploy (e.g. for the simulator)
   */
  public PolicyReloader(Supplier<List<PolicyCatalog.Policy>> catalog,
      Supplier<Optional<BpmnEscalationEngine>> engine,
      Consumer<List<PolicyCatalog.Policy>> deployed) {
    this.catalog = catalog;
    this.engine = engine;
    this.deployed = deployed;
  }

  @Override
  public synchronized Outcome deploy() {
    List<PolicyCatalog.Policy> policies;
    try {
      policies = catalog.get();
    } catch (PolicyException e) {
      return new Outcome(List.of(), e.problems());
    } catch (RuntimeException e) {
      return new Outcome(List.of(), List.of(e.getMessage() == null ? e.toString() : e.getMessage()));
    }
    Optional<BpmnEscalationEngine> running = engine.get();
    if (running.isEmpty()) {
      return new Outcome(List.of(), List.of("this server runs no escalation engine (it started"
          + " without any escalation policy): restart Clarion to start one"));
    }
    if (!running.get().isReady()) {
      return new Outcome(List.of(), List.of("the escalation engine is " + running.get().state()
          + "; try again in a few seconds"));
    }
    List<PolicyDeployment.Result> results = running.get().deploy(policies);
    deployed.accept(policies);
    results.stream().filter(PolicyDeployment.Result::changed)
        .forEach(r -> log.info("{}: {}", r.policy().origin(), r.describe()));
    return new Outcome(results.stream()
        .map(r -> new Deployed(r.policy().name(), r.policy().origin(), r.version(), r.changed()))
        .toList(), List.of());
  }
}
