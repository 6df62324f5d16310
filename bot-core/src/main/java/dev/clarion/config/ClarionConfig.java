package dev.clarion.config;

import dev.clarion.alert.Integration;
import dev.clarion.maintenance.MaintenanceSettings;
import dev.clarion.runbook.RunbookSettings;
import dev.clarion.schedule.OnCallSettings;
import dev.clarion.schedule.Schedule;
import dev.clarion.escalation.EscalationPolicy;
import dev.clarion.service.Service;
import dev.clarion.team.Team;
import dev.clarion.user.User;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
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
    List<EscalationPolicy> escalationPolicies,
    List<Schedule> schedules,
    OnCallSettings onCall,
    MaintenanceSettings maintenance,
    Path source,
    ChannelSettings channels,
    List<WebhookSettings> webhooks,
    Optional<SlackSettings> slack,
    Map<String, ChatChannelSettings> chatChannels,
    RunbookSettings runbooks,
    EscalationSettings escalation) {

  /** Without a {@code runbooks:} section or calendars, watching workflow files (the defaults). */
  public ClarionConfig(ServerSettings server, DatabaseSettings database, IngestSettings ingest,
      List<Service> services, List<Team> teams, List<User> users, List<Integration> integrations,
      List<EscalationPolicy> escalationPolicies, List<Schedule> schedules, OnCallSettings onCall,
      MaintenanceSettings maintenance, Path source, ChannelSettings channels,
      List<WebhookSettings> webhooks, Optional<SlackSettings> slack,
      Map<String, ChatChannelSettings> chatChannels) {
    this(server, database, ingest, services, teams, users, integrations, escalationPolicies,
        schedules, onCall, maintenance, source, channels, webhooks, slack, chatChannels,
        RunbookSettings.defaults(), EscalationSettings.defaults());
  }

  /** A configuration without schedules, channels or webhooks, with default maintenance settings. */
  public ClarionConfig(
      ServerSettings server,
      DatabaseSettings database,
      IngestSettings ingest,
      List<Service> services,
      List<Team> teams,
      List<User> users,
      List<Integration> integrations,
      Path source) {
    this(server, database, ingest, services, teams, users, integrations, List.of(), List.of(),
        OnCallSettings.defaults(), MaintenanceSettings.defaults(), source,
        ChannelSettings.defaults(), List.of(), Optional.empty(), Map.of());
  }



  public ClarionConfig {
    schedules = List.copyOf(schedules);
    webhooks = List.copyOf(webhooks);
    chatChannels = Map.copyOf(chatChannels);
    escalationPolicies = List.copyOf(escalationPolicies);
    services = List.copyOf(services);
    teams = List.copyOf(teams);
    users = List.copyOf(users);
    integrations = List.copyOf(integrations);
  }

  /** The same configuration listening elsewhere (command-line overrides). */
  public ClarionConfig withServer(ServerSettings newServer) {
    return new ClarionConfig(newServer, database, ingest, services, teams, users, integrations,
        escalationPolicies, schedules, onCall, maintenance, source, channels, webhooks, slack, chatChannels, runbooks, escalation);
  }

  /** The same configuration on another database (tests, tools). */
  public ClarionConfig withDatabase(DatabaseSettings newDatabase) {
    return new ClarionConfig(server, newDatabase, ingest, services, teams, users, integrations,
        escalationPolicies, schedules, onCall, maintenance, source, channels, webhooks, slack, chatChannels, runbooks, escalation);
  }

  /** The same configuration with other channel settings (tests, tools). */
  public ClarionConfig withChannels(ChannelSettings newChannels) {
    return new ClarionConfig(server, database, ingest, services, teams, users, integrations,
        escalationPolicies, schedules, onCall, maintenance, source, newChannels, webhooks, slack, chatChannels, runbooks, escalation);
  }

  /** The same configuration with other runbook settings (tests, tools). */
  public ClarionConfig withRunbooks(RunbookSettings newRunbooks) {
    return new ClarionConfig(server, database, ingest, services, teams, users, integrations,
        escalationPolicies, schedules, onCall, maintenance, source, channels, webhooks, slack,
        chatChannels, newRunbooks, escalation);
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
        + " integrations, "
        + schedules.size()
        + " schedules]";
  }
}
