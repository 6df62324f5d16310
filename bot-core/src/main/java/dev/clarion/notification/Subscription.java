package dev.clarion.notification;

import dev.clarion.service.ServiceId;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Set;

/**
 * A standing order "tell this destination about these events of these services" — seed 001's
 * Generic Webhook form, and any channel configured the same way.
 */
public record Subscription(
    String channel,
    String destination,
    Set<ServiceId> services,
    Set<NotificationEvent> events,
    Locale locale,
    ZoneId zone) {

  public Subscription {
    services = Set.copyOf(services);
    events = Set.copyOf(events);
  }

  public boolean covers(ServiceId service, NotificationEvent event) {
    return services.contains(service) && events.contains(event);
  }
}
