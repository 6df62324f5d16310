package dev.clarion.user;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * A person Clarion can page and who can act on incidents. {@code chatIdentities} maps a channel id
 * ("slack", "telegram", "discord") to the person's id on that platform.
 */
public record User(
    UserId id,
    String name,
    String email,
    ZoneId timeZone,
    Locale locale,
    Role role,
    Map<String, String> chatIdentities) {

  public User {
    chatIdentities = Map.copyOf(chatIdentities);
  }
}
