package dev.clarion.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code clarion.jar}. */
@Command(
    name = "clarion",
    mixinStandardHelpOptions = true,
    versionProvider = ClarionCli.Version.class,
    description = "Self-hosted incident response: alerts in, escalation, chat out.",
    subcommands = {
      ServeCommand.class,
      DemoCommand.class,
      ConfigCommand.class,
      AlertCommand.class,
      IncidentCommand.class,
      CatalogueCommand.OnCall.class,
      CatalogueCommand.Maint.class,
      RunbookCommand.class,
      TokenCommand.class,
      PluginsCommand.class,
      WebhookCommand.class,
      UserCommand.class,
      PolicyCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ClarionCli implements Runnable {
  /** Exit code for bad input: unknown flags, invalid configuration, refused requests. */
  static final int INPUT_ERROR = 2;
  /** Exit code when a server or database could not be reached or failed. */
  static final int FAILURE = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs without exiting the JVM (tests call this). */
  public static int run(String... args) {
    return run(
        new PrintWriter(new OutputStreamWriter(System.out, Charset.defaultCharset()), true),
        new PrintWriter(new OutputStreamWriter(System.err, Charset.defaultCharset()), true),
        args);
  }

  /** Runs with the given standard output and error, so tests can read what a user would see. */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new ClarionCli());
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("clarion: " + e.getMessage());
      return e instanceof CliFailure failure ? failure.exitCode() : FAILURE;
    });
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A failure the CLI reports as one line and an exit code. */
  static final class CliFailure extends RuntimeException {
    private final int exitCode;

    CliFailure(int exitCode, String message) {
      super(message, null, false, false);
      this.exitCode = exitCode;
    }

    int exitCode() {
      return exitCode;
    }
  }

  /** Reads the version from the jar manifest, or says "development". */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ClarionCli.class.getPackage().getImplementationVersion();
      return new String[] {"clarion " + (version == null ? "(development build)" : version)};
    }
  }
}
