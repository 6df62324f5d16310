package dev.clarion.cli;

import dev.clarion.config.ClarionConfig;
import dev.clarion.config.ServerSettings;

/** Command-line flags that override parts of the configuration file. */
final class Overrides {
  private Overrides() {}

  static ClarionConfig port(ClarionConfig config, Integer port) {
    if (port == null) {
      return config;
    }
    if (port < 0 || port > 65535) {
      throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR, "--port must be 0..65535, got " + port);
    }
    ServerSettings s = config.server();
    return new ClarionConfig(
        new ServerSettings(s.host(), port, s.publicUrl(), s.maxBodyBytes(), s.noopEndpoint()),
        config.database(), config.ingest(), config.services(), config.teams(), config.users(),
        config.integrations(), config.escalationPolicies(), config.source());
  }
}
