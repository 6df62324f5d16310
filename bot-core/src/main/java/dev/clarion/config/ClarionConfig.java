package dev.clarion.config;

import dev.clarion.alert.Integration;
import dev.clarion.service.Service;
import dev.clarion.team.Team;
import dev.clarion.user.User;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A validated {@code clarion.yml}: every reference resolves, every id is unique. Build one with
 * {@link ConfigLoader}; look things up through {@link ConfiguredDirectory}.
 *
 * @param source the file it was read from, for messages and for reloading
 */
public record ClarionConfig(
    ServerSettings server,
    DatabaseSettings database,
    IngestSettings ingest,
    List<Service> services,
    List<Team> teams,
    List<User> users,
    List<Integration> integrations,
    Path source,
    ChannelSettings channels,
    List<WebhookSettings> webhooks,
    Map<String, ChatChannelSettings> chatChannels) {

  /** A configuration without channels or webhooks. */
  public ClarionConfig(ServerSettings server, DatabaseSettings database, IngestSettings ingest,
      List<Service> services, List<Team> teams, List<User> users, List<Integration> integrations,
      Path source) {
    this(server, database, ingest, services, teams, users, integrations, source,
        ChannelSettings.defaults(), List.of());
  }

  /** A configuration without chat platform sections. */
  public ClarionConfig(ServerSettings server, DatabaseSettings database, IngestSettings ingest,
      List<Service> services, List<Team> teams, List<User> users, List<Integration> integrations,
      Path source, ChannelSettings channels, List<WebhookSettings> webhooks) {
    this(server, database, ingest, services, teams, users, integrations, source, channels, webhooks,
        Map.of());
  }

  public ClarionConfig {
    webhooks = List.copyOf(webhooks);
    chatChannels = Map.copyOf(chatChannels);
    services = List.copyOf(services);
    teams = List.copyOf(teams);
    users = List.copyOf(users);
    integrations = List.copyOf(integrations);
  }

  /** The same configuration listening elsewhere (command-line overrides). */
  public ClarionConfig withServer(ServerSettings newServer) {
    return new ClarionConfig(newServer, database, ingest, services, teams, users, integrations, source,
        channels, webhooks, chatChannels);
  }

  /** A summary without the integrations, whose records carry their secret keys. */
  @Override
  public String toString() {
    return "ClarionConfig["
        + source
        + ": "
        + server
        + ", "
        + database
        + ", "
        + ingest
        + ", "
        + services.size()
        + " services, "
        + teams.size()
        + " teams, "
        + users.size()
        + " users, "
        + integrations.size()
        + " integrations]";
  }
}
