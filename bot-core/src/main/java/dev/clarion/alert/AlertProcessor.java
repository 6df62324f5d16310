package dev.clarion.alert;

import dev.clarion.audit.Actor;
import dev.clarion.incident.DedupKey;
import dev.clarion.incident.Incident;
import dev.clarion.incident.IncidentService;
import dev.clarion.incident.IncidentStatus;
import dev.clarion.incident.NewIncident;
import dev.clarion.incident.Urgency;
import dev.clarion.routing.Router;
import dev.clarion.routing.RoutingDecision;
import dev.clarion.service.ServiceId;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Turns one alert into its effect on incidents: dedup on (integration, key), routing, then create,
 * append, acknowledge or resolve. Must run inside the caller's transaction (the ingest writer's).
 */
public final class AlertProcessor {
  private final IntegrationDirectory integrations;
  private final IncidentService incidents;
  private final dev.clarion.incident.IncidentStore store;
  private final AlertStore alerts;
  private final Router router;
  private final Predicate<ServiceId> inMaintenance;
  private final Clock clock;

  public AlertProcessor(
      IntegrationDirectory integrations,
      IncidentService incidents,
      dev.clarion.incident.IncidentStore store,
      AlertStore alerts,
      Router router,
      Predicate<ServiceId> inMaintenance,
      Clock clock) {
    this.integrations = integrations;
    this.incidents = incidents;
    this.store = store;
    this.alerts = alerts;
    this.router = router;
    this.inMaintenance = inMaintenance;
    this.clock = clock;
  }

  public IngestOutcome process(AlertEvent event) {
    Integration integration =
        integrations
            .find(event.integration())
            .orElseThrow(() -> new IllegalStateException("integration vanished: " + event.integration()));
    String key = event.dedupKey().orElseGet(() -> UUID.randomUUID().toString());
    Optional<Incident> open = store.findOpen(new DedupKey(integration.id().value(), key));
    Actor actor = Actor.integration(integration.id().value());

    IngestOutcome outcome =
        switch (event.action()) {
          case TRIGGER -> trigger(event, integration, key, open, actor);
          case ACKNOWLEDGE -> open.filter(i -> i.status() == IncidentStatus.TRIGGERED)
              .map(i -> outcome(IngestOutcome.Result.ACKNOWLEDGED, incidents.acknowledge(i.id(), actor), key))
              .orElseGet(() -> ignored(open, key));
          case RESOLVE -> open
              .map(i -> outcome(IngestOutcome.Result.RESOLVED, incidents.resolve(i.id(), actor), key))
              .orElseGet(() -> ignored(open, key));
        };
    alerts.record(event, key, outcome.result(), outcome.incident(), clock.instant());
    return outcome;
  }

  private IngestOutcome trigger(
      AlertEvent event, Integration integration, String key, Optional<Incident> open, Actor actor) {
    if (open.isPresent()) {
      return outcome(IngestOutcome.Result.APPENDED, incidents.absorb(open.get(), actor, event.summary()), key);
    }
    Urgency urgency = event.urgency().orElse(integration.defaultUrgency());
    RoutingDecision decision =
        router.route(
            new Router.Subject(event.summary(), event.source(), urgency, event.labels(), event.details()),
            integration.rules(),
            integration.defaultService());
    if (decision.dropped()) {
      return new IngestOutcome(IngestOutcome.Result.DROPPED, Optional.empty(), key);
    }
    boolean suppressed = inMaintenance.test(decision.service());
    String reason =
        "opened by " + integration.name() + " (" + event.format().label() + ")"
            + decision.rule().map(r -> ", routed by rule '" + r + "'").orElse("");
    Incident created =
        incidents.open(
            new NewIncident(
                decision.service(),
                truncate(event.summary(), NewIncident.MAX_SUMMARY),
                event.source(),
                decision.urgency(),
                Optional.of(new DedupKey(integration.id().value(), key)),
                suppressed,
                event.details()),
            actor,
            reason);
    return outcome(IngestOutcome.Result.CREATED, created, key);
  }

  private static IngestOutcome ignored(Optional<Incident> open, String key) {
    return new IngestOutcome(IngestOutcome.Result.IGNORED, open.map(Incident::id), key);
  }

  private static IngestOutcome outcome(IngestOutcome.Result result, Incident incident, String key) {
    return new IngestOutcome(result, Optional.of(incident.id()), key);
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
