package dev.clarion.cli;

import dev.clarion.config.ClarionConfig;
import dev.clarion.config.ConfigException;
import dev.clarion.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} option shared by commands that read clarion.yml. */
final class ConfigOption {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      defaultValue = "${env:CLARION_CONFIG:-config/clarion.yml}",
      description = "Configuration file (default: ${DEFAULT-VALUE}; env CLARION_CONFIG).")
  Path file;

  ClarionConfig load() {
    if (!Files.isRegularFile(file)) {
      throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR,
          "configuration file " + file + " not found (use --config FILE)");
    }
    try {
      return ConfigLoader.load(file, System.getenv());
    } catch (ConfigException e) {
      throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR, "invalid configuration:\n" + e.getMessage());
    }
  }
}
