package dev.clarion.config;

import dev.clarion.alert.Integration;
import dev.clarion.escalation.EscalationPolicy;
import dev.clarion.service.Service;
import dev.clarion.team.Team;
import dev.clarion.user.User;
import java.nio.file.Path;
import java.util.List;

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
    Path source) {

  /** A configuration without YAML escalation policies (BPMN files may still provide some). */
  public ClarionConfig(
      ServerSettings server,
      DatabaseSettings database,
      IngestSettings ingest,
      List<Service> services,
      List<Team> teams,
      List<User> users,
      List<Integration> integrations,
      Path source) {
    this(server, database, ingest, services, teams, users, integrations, List.of(), source);
  }

  public ClarionConfig {
    escalationPolicies = List.copyOf(escalationPolicies);
    services = List.copyOf(services);
    teams = List.copyOf(teams);
    users = List.copyOf(users);
    integrations = List.copyOf(integrations);
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
