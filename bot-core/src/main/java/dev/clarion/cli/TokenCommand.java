package dev.clarion.cli;

import dev.clarion.audit.Actor;
import dev.clarion.config.ClarionConfig;
import dev.clarion.config.ConfiguredDirectory;
import dev.clarion.problem.Problem;
import dev.clarion.store.jdbc.Database;
import dev.clarion.store.jdbc.JdbiAuditLog;
import dev.clarion.store.jdbc.JdbiTokenStore;
import dev.clarion.user.TokenService;
import dev.clarion.user.UserId;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clarion token create}: makes an API token for a configured user, straight in the database. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Manage API tokens.",
    subcommands = TokenCommand.Create.class)
final class TokenCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create an API token for a user and print it once. Run it with the server "
          + "stopped when the database is the default H2 file (H2 allows one process).")
  static final class Create implements Callable<Integer> {
    @CommandLine.Mixin ConfigOption config;

    @Option(names = "--user", required = true, paramLabel = "ID", description = "The user the token acts as.")
    String user;

    @Option(names = "--name", defaultValue = "cli", paramLabel = "NAME", description = "A label (default: ${DEFAULT-VALUE}).")
    String name;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      ClarionConfig loaded = config.load();
      ConfiguredDirectory directory = new ConfiguredDirectory(loaded);
      if (directory.users().find(new UserId(user)).isEmpty()) {
        throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR, "unknown user '" + user + "' in " + config.file);
      }
      try (Database db = open(loaded)) {
        TokenService tokens = new TokenService(new JdbiTokenStore(db), directory.users(), new JdbiAuditLog(db), db,
            Clock.systemUTC());
        TokenService.Created created = tokens.create(new UserId(user), name, Actor.system("cli"));
        spec.commandLine().getOut().println(created.plainText());
        spec.commandLine().getErr().println("Token for " + user + " created; it is shown only once. "
            + "Use it as: export CLARION_TOKEN=<token>");
      }
      return 0;
    }

    private static Database open(ClarionConfig config) {
      var s = config.database();
      try {
        return Database.open(s.url(), s.user(), s.password(), 2);
      } catch (Problem e) {
        String hint = e.getMessage().contains("already in use") || e.getMessage().contains("locked")
            ? " (the database is in use: stop the running server first)" : "";
        throw new ClarionCli.CliFailure(ClarionCli.FAILURE, e.getMessage() + hint);
      }
    }
  }
}
