package dev.clarion.maintenance;

import dev.clarion.alert.IntegrationId;
import dev.clarion.incident.Incident;
import dev.clarion.service.Service;
import java.time.Duration;
import java.util.List;

/**
 * What a window would silence, shown before someone confirms it: the services, the integrations
 * that send them alerts (by default or through a routing rule), the incidents open on them now, and
 * how many alerts those integrations sent in the last hour.
 */
public record Preview(
    List<Service> services,
    List<IntegrationId> integrations,
    List<Incident> openIncidents,
    long alertsLastHour,
    Duration duration) {
  public Preview {
    services = List.copyOf(services);
    integrations = List.copyOf(integrations);
    openIncidents = List.copyOf(openIncidents);
  }
}
