package dev.clarion.service;

import dev.clarion.incident.Level;
import java.util.Optional;

/**
 * A monitored service. {@code impact} feeds the priority matrix; {@code escalationPolicy} names the
 * policy new incidents start (empty: incidents are recorded but nobody is paged).
 */
public record Service(
    ServiceId id, String name, String description, Level impact, Optional<String> escalationPolicy) {}
