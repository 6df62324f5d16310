package dev.clarion.service;

import java.util.List;
import java.util.Optional;

/** Read access to the configured services. */
public interface ServiceDirectory {
  Optional<Service> find(ServiceId id);

  List<Service> all();
}
