package dev.clarion.config;

import dev.clarion.service.ServiceId;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A chat platform's section ({@code telegram:}, {@code slack:}...): its settings, handed to the
 * channel plugin as they are (the plugin knows their meaning), and the group chats that follow
 * services' incidents like a webhook does.
 *
 * @param settings single values by key (token, mode, secrets); never logged
 */
public record ChatChannelSettings(String channel, Map<String, String> settings, List<Chat> chats) {
  public ChatChannelSettings {
    settings = Map.copyOf(settings);
    chats = List.copyOf(chats);
  }

  /** One subscribed chat: {@code id} is the platform's chat address. */
  public record Chat(String id, List<ServiceId> services, Set<String> events, Locale locale,
      ZoneId zone) {
    public Chat {
      services = List.copyOf(services);
      events = Set.copyOf(events);
    }
  }

  /** Without the settings: they carry tokens. */
  @Override
  public String toString() {
    return "ChatChannel[" + channel + ", " + chats.size() + " chats]";
  }
}
