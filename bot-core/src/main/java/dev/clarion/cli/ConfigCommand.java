package dev.clarion.cli;

import dev.clarion.config.ClarionConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code clarion config validate [FILE]}: checks a configuration without starting anything. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Work with clarion.yml.",
    subcommands = ConfigCommand.Validate.class)
final class ConfigCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Check a configuration file; errors are printed as file:line:column: path: message.")
  static final class Validate implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "FILE",
        description = "File to check (default: --config, else config/clarion.yml).")
    Path file;

    @CommandLine.Mixin ConfigOption config;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      if (file != null) {
        config.file = file;
      }
      ClarionConfig loaded = config.load();
      spec.commandLine().getOut().printf("%s is valid: %d services, %d teams, %d users, %d integrations%n",
          config.file, loaded.services().size(), loaded.teams().size(), loaded.users().size(),
          loaded.integrations().size());
      return 0;
    }
  }
}
