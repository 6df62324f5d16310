package dev.clarion.incident;

import dev.clarion.service.ServiceId;
import dev.clarion.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An incident as stored. Immutable; {@link IncidentService} derives changed copies.
 *
 * @param suppressed created during a maintenance window: visible, not escalated
 * @param details the first alert's details (custom_details, labels, links), shown to responders
 */
public record Incident(
    IncidentId id,
    ServiceId service,
    String summary,
    String source,
    IncidentStatus status,
    Urgency urgency,
    Level impact,
    Priority priority,
    Optional<DedupKey> dedupKey,
    int alertCount,
    Instant createdAt,
    Instant lastEventAt,
    Optional<Instant> acknowledgedAt,
    Optional<Instant> resolvedAt,
    List<UserId> assignees,
    boolean suppressed,
    Map<String, Object> details) {

  public Incident {
    assignees = List.copyOf(assignees);
    details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
  }

  Incident withStatus(IncidentStatus newStatus, Instant at) {
    return new Incident(
        id,
        service,
        summary,
        source,
        newStatus,
        urgency,
        impact,
        priority,
        dedupKey,
        alertCount,
        createdAt,
        lastEventAt,
        newStatus == IncidentStatus.ACKNOWLEDGED ? Optional.of(at) : acknowledgedAt,
        newStatus == IncidentStatus.RESOLVED ? Optional.of(at) : resolvedAt,
        assignees,
        suppressed,
        details);
  }

  Incident withAssignees(List<UserId> newAssignees) {
    return new Incident(
        id, service, summary, source, status, urgency, impact, priority, dedupKey, alertCount,
        createdAt, lastEventAt, acknowledgedAt, resolvedAt, newAssignees, suppressed, details);
  }

  Incident absorbing(Instant at) {
    return new Incident(
        id, service, summary, source, status, urgency, impact, priority, dedupKey, alertCount + 1,
        createdAt, at, acknowledgedAt, resolvedAt, assignees, suppressed, details);
  }

  Incident unsuppressed() {
    return new Incident(
        id, service, summary, source, status, urgency, impact, priority, dedupKey, alertCount,
        createdAt, lastEventAt, acknowledgedAt, resolvedAt, assignees, false, details);
  }
}
