package dev.clarion.workflow.bpmn;

import dev.clarion.escalation.BusinessCalendar;
import dev.clarion.escalation.EscalationSimulations;
import dev.clarion.problem.Problem;
import dev.clarion.schedule.OnCallResolver;
import dev.clarion.service.Service;
import dev.clarion.service.ServiceDirectory;
import dev.clarion.service.ServiceId;
import dev.clarion.team.TeamDirectory;
import dev.clarion.user.UserDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * {@link EscalationSimulations} over the policies a server runs: {@code oncall simulate} in chat,
 * the API and the CLI. Uses {@link EscalationSimulator}, whose in-memory engine is built once per
 * JVM; schedules resolve with their overrides, business hours on the virtual clock.
 */
public final class CatalogSimulations implements EscalationSimulations {
  private final Supplier<List<PolicyCatalog.Policy>> policies;
  private final ServiceDirectory services;
  private final UserDirectory users;
  private final TeamDirectory teams;
  private final OnCallResolver onCall;
  private final Map<String, BusinessCalendar> calendars;
  private final RandomGenerator random;

  public CatalogSimulations(Supplier<List<PolicyCatalog.Policy>> policies, ServiceDirectory services,
      UserDirectory users, TeamDirectory teams, OnCallResolver onCall,
      Map<String, BusinessCalendar> calendars, RandomGenerator random) {
    this.policies = policies;
    this.services = services;
    this.users = users;
    this.teams = teams;
    this.onCall = onCall;
    this.calendars = Map.copyOf(calendars);
    this.random = random;
  }

  @Override
  public Simulation simulate(String policyOrService, Instant start, Optional<Duration> ackAfter) {
    List<PolicyCatalog.Policy> all = policies.get();
    Optional<Service> service = services.find(new ServiceId(policyOrService));
    Optional<PolicyCatalog.Policy> byName =
        all.stream().filter(p -> p.name().equals(policyOrService)).findFirst();
    PolicyCatalog.Policy policy;
    Optional<String> viaService = Optional.empty();
    if (byName.isPresent()) {
      policy = byName.get();
    } else if (service.isPresent()) {
      String name = service.get().escalationPolicy().orElseThrow(() -> Problem.invalid("policy",
          "service '" + policyOrService + "' has no escalation policy"));
      policy = all.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(
          () -> Problem.invalid("policy", "service '" + policyOrService + "' uses policy '" + name
              + "', which is not deployed"));
      viaService = Optional.of(policyOrService);
    } else {
      throw Problem.invalid("policy", "'" + policyOrService
          + "' is neither an escalation policy nor a service (policies: "
          + String.join(", ", all.stream().map(PolicyCatalog.Policy::name).sorted().toList())
          + ")");
    }
    List<Event> events = EscalationSimulator.simulate(policy, users, teams, onCall, calendars,
            start, ackAfter, random).stream()
        .map(e -> new Event(e.at(), e.what(), e.recipients()))
        .toList();
    return new Simulation(policy.name(), viaService, start, ackAfter, events);
  }
}
