package dev.clarion.user;

import java.util.List;
import java.util.Optional;

/** Read access to the configured users. */
public interface UserDirectory {
  Optional<User> find(UserId id);

  /** Finds who a chat identity belongs to, e.g. ("slack", "U024BE7LH"). */
  Optional<User> findByChatIdentity(String channel, String platformUserId);

  List<User> all();
}
