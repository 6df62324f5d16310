package dev.clarion.notification;

import dev.clarion.incident.IncidentId;
import java.util.List;

/**
 * "Notify these recipients for incident X, escalation step S, round R." The triple (incident,
 * step, round) plus each destination forms the idempotency key: the escalation engine runs steps
 * at least once, and a repeated call must not page anyone twice.
 */
public record NotifyRequest(IncidentId incident, String step, int round, List<Recipient> recipients) {
  public NotifyRequest {
    recipients = List.copyOf(recipients);
  }

  String key(String channel, String destination) {
    return "escalation:" + incident.value() + ":" + step + ":" + round + ":" + channel + ":"
        + destination;
  }
}
