package dev.clarion.notification;

import dev.clarion.audit.Actor;
import dev.clarion.incident.Incident;
import dev.clarion.incident.IncidentService;
import dev.clarion.incident.IncidentStatus;

/**
 * Carries out a verified one-click link. Idempotent: a second click, or an ack link on an incident
 * someone already acknowledged or resolved, answers what the state is and changes nothing.
 */
public final class LinkActions {
  /** The outcome shown to whoever clicked. */
  public record Outcome(boolean changed, Incident incident, String message) {}

  private final SignedLinks links;
  private final IncidentService incidents;

  public LinkActions(SignedLinks links, IncidentService incidents) {
    this.links = links;
    this.incidents = incidents;
  }

  /** Throws {@link SignedLinks.Refused} for forged, altered or expired links. */
  public Outcome follow(String token) {
    SignedLinks.Claim claim = links.verify(token);
    Incident current = incidents.get(claim.incident());
    Actor actor = new Actor(Actor.Kind.SYSTEM, "one-click-link", "link");
    if (claim.action() == SignedLinks.Action.ACK) {
      if (current.status() != IncidentStatus.TRIGGERED) {
        return new Outcome(false, current,
            "incident " + current.id() + " is already " + current.status().label());
      }
      Incident updated = incidents.acknowledge(claim.incident(), actor);
      return new Outcome(true, updated, "incident " + updated.id() + " acknowledged");
    }
    if (current.status() == IncidentStatus.RESOLVED) {
      return new Outcome(false, current, "incident " + current.id() + " is already resolved");
    }
    Incident updated = incidents.resolve(claim.incident(), actor);
    return new Outcome(true, updated, "incident " + updated.id() + " resolved");
  }
}
