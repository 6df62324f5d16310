package dev.clarion.runbook;

import dev.clarion.user.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code runbooks:} section of clarion.yml.
 *
 * @param allowHosts hosts HTTP steps may call ({@code host} or {@code host:port}); none by default
 * @param commands the only programs command steps may run, by name
 * @param secrets values steps reference as {@code {{secret:NAME}}}; never shown
 * @param approverRole the role an approval needs unless the step asks for another
 * @param outputLimit how many characters of a step's output reach the timeline
 */
public record RunbookSettings(
    Path directory,
    Set<String> allowHosts,
    Map<String, AllowedCommand> commands,
    Map<String, String> secrets,
    Role approverRole,
    Duration httpTimeout,
    int outputLimit) {

  public static final Path DEFAULT_DIRECTORY = Path.of("runbooks");
  public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_OUTPUT_LIMIT = 500;

  /** A program a command step may run: a fixed executable and argument prefix, with a timeout. */
  public record AllowedCommand(String name, String executable, List<String> args, Duration timeout) {
    public AllowedCommand {
      args = List.copyOf(args);
    }
  }

  public RunbookSettings {
    allowHosts = Set.copyOf(allowHosts);
    commands = Map.copyOf(commands);
    secrets = Map.copyOf(secrets);
  }

  public static RunbookSettings defaults() {
    return new RunbookSettings(DEFAULT_DIRECTORY, Set.of(), Map.of(), Map.of(), Role.RESPONDER,
        DEFAULT_HTTP_TIMEOUT, DEFAULT_OUTPUT_LIMIT);
  }

  public RunbookSettings withDirectory(Path newDirectory) {
    return new RunbookSettings(newDirectory, allowHosts, commands, secrets, approverRole,
        httpTimeout, outputLimit);
  }

  /** Whether an HTTP step may call {@code host} on {@code port}. */
  public boolean allowsHost(String host, int port) {
    String h = host.toLowerCase(java.util.Locale.ROOT);
    return allowHosts.contains(h) || allowHosts.contains(h + ":" + port);
  }

  /** Without the secret values. */
  @Override
  public String toString() {
    return "RunbookSettings[" + directory + ", hosts " + allowHosts + ", commands "
        + commands.keySet() + ", secrets " + secrets.keySet() + "]";
  }
}
