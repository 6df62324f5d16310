package dev.clarion.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code channels:} section: where plugins and templates live, the one-click link secret and
 * lifetime, and how hard delivery tries before dead-lettering.
 *
 * @param linkSecret HMAC key for ACK/RESOLVE links; empty: a random key per run (links die on
 *     restart)
 * @param demoInbox serve {@code /demo/inbox}, a local destination for webhooks (the demo)
 */
public record ChannelSettings(
    Path pluginsDir,
    Path templatesDir,
    Optional<String> linkSecret,
    Duration linkTtl,
    int maxAttempts,
    int webhookGlobalPerSecond,
    int webhookPerDestinationPerSecond,
    boolean demoInbox) {

  public static ChannelSettings defaults() {
    return new ChannelSettings(Path.of("plugins"), Path.of("templates"), Optional.empty(),
        Duration.ofHours(24), 20, 50, 10, false);
  }

  @Override
  public String toString() {
    return "Channels[plugins " + pluginsDir + ", templates " + templatesDir + "]";
  }
}
