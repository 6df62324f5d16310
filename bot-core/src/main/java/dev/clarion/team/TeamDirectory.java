package dev.clarion.team;

import java.util.List;
import java.util.Optional;

/** Read access to the configured teams. */
public interface TeamDirectory {
  Optional<Team> find(TeamId id);

  List<Team> all();
}
