package dev.clarion.team;

import dev.clarion.user.UserId;
import java.util.List;

/** A named group of users. */
public record Team(TeamId id, String name, List<UserId> members) {
  public Team {
    members = List.copyOf(members);
  }
}
