package dev.clarion.cli;

import dev.clarion.config.ClarionConfig;
import dev.clarion.config.ServerSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code serve} and {@code demo} share: the configuration file and a port override. */
final class StartOptions {
  @Mixin ConfigOption config;

  @Option(names = "--port", paramLabel = "PORT", description = "Override server.port (0 = any free port).")
  Integer port;

  ClarionConfig load() {
    ClarionConfig loaded = config.load();
    if (port == null) {
      return loaded;
    }
    if (port < 0 || port > 65535) {
      throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR, "--port must be 0..65535, got " + port);
    }
    ServerSettings s = loaded.server();
    return loaded.withServer(
        new ServerSettings(s.host(), port, s.publicUrl(), s.maxBodyBytes(), s.noopEndpoint()));
  }
}
