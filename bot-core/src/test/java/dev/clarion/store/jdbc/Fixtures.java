package dev.clarion.store.jdbc;

import dev.clarion.incident.Level;
import dev.clarion.service.Service;
import dev.clarion.service.ServiceDirectory;
import dev.clarion.service.ServiceId;
import java.util.List;
import java.util.Optional;

/** Small in-memory test doubles of our own ports (fakes, not mocks). */
final class Fixtures {
  private Fixtures() {}

  static ServiceDirectory services(Service... services) {
    List<Service> all = List.of(services);
    return new ServiceDirectory() {
      @Override
      public Optional<Service> find(ServiceId id) {
        return all.stream().filter(s -> s.id().equals(id)).findFirst();
      }

      @Override
      public List<Service> all() {
        return all;
      }
    };
  }

  static Service service(String id, Level impact) {
    return new Service(new ServiceId(id), id, "", impact, Optional.empty());
  }
}
