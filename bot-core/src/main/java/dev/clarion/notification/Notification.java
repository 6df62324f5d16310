package dev.clarion.notification;

import dev.clarion.incident.IncidentId;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One outbox row: a message for one destination of one channel about one incident.
 *
 * @param key idempotency key: enqueuing the same key twice stores one row
 * @param fields a snapshot of the message's values, taken when the decision to notify was made
 * @param attempts failed attempts so far (429 answers are counted in {@code throttles} instead)
 */
public record Notification(
    NotificationId id,
    String key,
    IncidentId incident,
    String channel,
    String destination,
    String event,
    Lane lane,
    NotificationStatus status,
    Locale locale,
    ZoneId zone,
    Map<String, String> fields,
    int attempts,
    int throttles,
    Instant createdAt,
    Instant notBefore,
    Optional<Instant> deliveredAt,
    Optional<String> messageRef,
    Optional<String> lastError) {

  public Notification {
    fields = Map.copyOf(fields);
  }

  /** Messages with the same key are delivered in order and edit each other. */
  public String messageKey() {
    return messageKey(incident, channel, destination);
  }

  static String messageKey(IncidentId incident, String channel, String destination) {
    return incident.value() + "/" + channel + "/" + destination;
  }
}
