package dev.clarion.command;

import dev.clarion.audit.Actor;
import dev.clarion.user.User;

/** Who runs a command and through which surface ("cli", "api", "slack", ...). */
public record Invoker(User user, String via) {
  public Actor actor() {
    return Actor.user(user.id().value(), via);
  }
}
