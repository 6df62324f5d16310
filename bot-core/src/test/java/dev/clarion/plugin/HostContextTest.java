package dev.clarion.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.api.ServiceInfo;
import dev.clarion.incident.Level;
import dev.clarion.service.Service;
import dev.clarion.service.ServiceDirectory;
import dev.clarion.service.ServiceId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostContextTest {
  private final List<Service> configured = new ArrayList<>(List.of(
      new Service(new ServiceId("checkout"), "Checkout", "", Level.HIGH, Optional.empty()),
      new Service(new ServiceId("search"), "Search", "", Level.LOW, Optional.of("default"))));

  /** The configured services, in configuration order, as a plain directory. */
  private final ServiceDirectory services = new ServiceDirectory() {
    @Override
    public Optional<Service> find(ServiceId id) {
      return configured.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    @Override
    public List<Service> all() {
      return List.copyOf(configured);
    }
  };

  // Catalog, users and templates are not touched by services().
  private final HostContext context = new HostContext("discord", Map.of(), null, null, services,
      null, Clock.systemUTC(), HostContext.newRouteList());

  @Test
  void servicesListsTheConfiguredServicesByIdAndNameInOrder() {
    assertThat(context.services()).containsExactly(
        new ServiceInfo("checkout", "Checkout"), new ServiceInfo("search", "Search"));
  }

  @Test
  void servicesIsReadFromTheDirectoryOnEachCall() {
    configured.add(new Service(new ServiceId("payments"), "Payments", "", Level.HIGH,
        Optional.empty()));

    assertThat(context.services()).extracting(ServiceInfo::id)
        .containsExactly("checkout", "search", "payments");
  }
}
