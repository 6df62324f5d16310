package dev.clarion.alert;

import java.util.List;
import java.util.Optional;

/** Looks up integrations by their secret key (what senders present) or by id. */
public interface IntegrationDirectory {
  Optional<Integration> findByKey(String key);

  Optional<Integration> find(IntegrationId id);

  List<Integration> all();
}
