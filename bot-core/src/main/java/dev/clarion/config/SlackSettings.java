package dev.clarion.config;

import dev.clarion.service.ServiceId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code slack:} section, handed to the Slack plugin as plain values: the app's bot token and
 * signing secret, the slash command's name, an optional Web API URL prefix (a loopback fake in
 * tests, a proxy in production), and which Slack channels hear about which services.
 *
 * @param appToken an app-level token ({@code xapp-…}): also connect by Socket Mode
 * @param apiUrl prefix such as {@code https://slack.com/api/}; empty: Slack's own
 * @param globalPerSecond all messages of the workspace together (chat.postMessage is limited to
 *     about one per second per channel on top of this)
 */
public record SlackSettings(
    String botToken,
    String signingSecret,
    Optional<String> appToken,
    String command,
    Optional<String> apiUrl,
    int globalPerSecond,
    List<ChannelRoute> channels) {

  /** "Post incidents of these services, on these events, to this Slack channel id". */
  public record ChannelRoute(String channel, List<ServiceId> services, Set<String> events) {
    public ChannelRoute {
      services = List.copyOf(services);
      events = Set.copyOf(events);
    }
  }

  public SlackSettings {
    channels = List.copyOf(channels);
  }

  /** Without the token and secret. */
  @Override
  public String toString() {
    return "Slack[" + command + ", " + channels.size() + " channels]";
  }
}
