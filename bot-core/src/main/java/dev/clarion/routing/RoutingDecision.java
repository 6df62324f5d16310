package dev.clarion.routing;

import dev.clarion.incident.Urgency;
import dev.clarion.service.ServiceId;
import java.util.Optional;

/** Where an alert goes, at which urgency, and which rule said so (empty: the default service). */
public record RoutingDecision(ServiceId service, Urgency urgency, boolean dropped, Optional<String> rule) {}
