package dev.clarion.notification;

import dev.clarion.incident.IncidentId;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/** What {@link NotificationStore#enqueue} stores. */
public record NewNotification(
    String key,
    IncidentId incident,
    String channel,
    String destination,
    String event,
    Lane lane,
    Locale locale,
    ZoneId zone,
    Map<String, String> fields) {

  public NewNotification {
    if (key.length() > 300) {
      throw new IllegalArgumentException("idempotency key longer than 300 characters");
    }
    fields = Map.copyOf(fields);
  }

  public String messageKey() {
    return Notification.messageKey(incident, channel, destination);
  }
}
