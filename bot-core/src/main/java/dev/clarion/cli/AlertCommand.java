package dev.clarion.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clarion.alert.AlertFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clarion alert send}: posts an alert to a running server, from a file or from flags. */
@Command(name = "alert", mixinStandardHelpOptions = true, description = "Send test alerts.",
    subcommands = AlertCommand.Send.class)
final class AlertCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "send", mixinStandardHelpOptions = true,
      description = {
        "Post an alert to a running Clarion and print its answer.",
        "Either a FILE in the chosen format (e.g. a fixture), or --summary and friends for the "
            + "AlertNow Standard format.",
        "Examples:",
        "  clarion alert send --key demo-standard-key --summary 'RDS CPU over 90%' --event-id rds-1",
        "  clarion alert send --format alertmanager --key demo-alertmanager-key alertmanager.json"
      })
  static final class Send implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "FILE", description = "JSON body to send as is.")
    Path file;

    @Option(names = "--format", defaultValue = "standard", paramLabel = "FORMAT",
        description = "standard|pagerduty|alertmanager|grafana|cloudwatch (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--key", required = true, defaultValue = "${env:CLARION_INTEGRATION_KEY}",
        paramLabel = "KEY", description = "The integration key (env CLARION_INTEGRATION_KEY).")
    String key;

    @Option(names = "--summary", paramLabel = "TEXT", description = "Standard format: what is wrong.")
    String summary;

    @Option(names = "--event-id", paramLabel = "ID", description = "Standard format: dedup key.")
    String eventId;

    @Option(names = "--status", paramLabel = "STATUS", description = "Standard format: open|ack|close.")
    String status;

    @Option(names = "--urgency", paramLabel = "URGENCY",
        description = "Standard format: highest|high|medium|low|lowest|none.")
    String urgency;

    @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:CLARION_SERVER:-http://127.0.0.1:8080}",
        description = "Clarion's URL (default: ${DEFAULT-VALUE}).")
    String server;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      if (key == null || key.isBlank()) {
        throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR, "--key is required (or set CLARION_INTEGRATION_KEY)");
      }
      AlertFormat alertFormat = AlertFormat.parse(format).orElseThrow(() -> new ClarionCli.CliFailure(
          ClarionCli.INPUT_ERROR, "unknown --format '" + format + "' (use " + AlertFormat.allowedValues() + ")"));
      String body = file != null ? readFile() : fromFlags(alertFormat);
      String path = switch (alertFormat) {
        case STANDARD -> "/integration/standard/v1/" + key;
        case PAGERDUTY -> "/v2/enqueue";
        default -> "/integration/" + alertFormat.label() + "/" + key;
      };
      if (alertFormat == AlertFormat.PAGERDUTY) {
        ObjectNode node = (ObjectNode) ServerClient.JSON.readTree(body);
        node.put("routing_key", key);
        body = node.toString();
      }
      ServerClient.Response response = new ServerClient(server).post(path, body, null);
      if (response.status() / 100 == 2) {
        spec.commandLine().getOut().println(response.body().isMissingNode() ? response.text() : response.body().toPrettyString());
        return 0;
      }
      throw new ClarionCli.CliFailure(response.status() >= 500 ? ClarionCli.FAILURE : ClarionCli.INPUT_ERROR,
          "HTTP " + response.status() + ": " + ServerClient.errorMessage(response));
    }

    private String readFile() {
      if (summary != null || eventId != null || status != null || urgency != null) {
        throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR, "give either FILE or --summary/--event-id/--status/--urgency, not both");
      }
      try {
        return Files.readString(file);
      } catch (IOException e) {
        throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR, "cannot read " + file + ": " + e.getMessage());
      }
    }

    private String fromFlags(AlertFormat alertFormat) {
      if (alertFormat != AlertFormat.STANDARD) {
        throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR, "--summary works with --format standard; for "
            + alertFormat.label() + " pass a FILE");
      }
      if (summary == null && !"ack".equals(status) && !"close".equals(status)) {
        throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR, "give a FILE or --summary");
      }
      ObjectNode node = ServerClient.JSON.createObjectNode();
      node.put("summary", summary == null ? "(no summary)" : summary);
      if (eventId != null) {
        node.put("event_id", eventId);
      }
      if (status != null) {
        node.put("status", status);
      }
      if (urgency != null) {
        node.put("urgency", urgency);
      }
      return node.toString();
    }
  }
}
