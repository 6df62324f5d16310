package dev.clarion.cli;

import dev.clarion.alert.AlertFormat;
import dev.clarion.alert.Integration;
import dev.clarion.app.ClarionServer;
import dev.clarion.audit.Actor;
import dev.clarion.config.ClarionConfig;
import dev.clarion.user.Role;
import dev.clarion.user.User;
import java.io.PrintStream;
import java.net.URI;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code clarion demo}: the server on the bundled configuration and the embedded H2 file database,
 * plus an admin token and copy-paste commands to open, list and acknowledge an incident.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run Clarion on config/clarion.yml with an H2 database under ./data, and print how to try it.")
final class DemoCommand implements Runnable {
  @Mixin StartOptions options;

  @Override
  public void run() {
    ClarionConfig loaded = options.load();
    ClarionServer server = ServeCommand.startOrFail(loaded);
    User admin = loaded.users().stream().filter(u -> u.role() == Role.ADMIN).findFirst()
        .orElseThrow(() -> new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR,
            "the demo needs an admin user in " + options.config.file));
    String token = server.tokens().create(admin.id(), "demo", Actor.system("demo")).plainText();
    print(System.out, server.publicUrl(), loaded, admin, token);
    ServeCommand.waitForShutdown(server);
  }

  private static void print(PrintStream out, URI url, ClarionConfig config, User admin, String token) {
    String standardKey = config.integrations().stream().filter(i -> i.format() == AlertFormat.STANDARD)
        .map(Integration::key).findFirst().orElse("<standard-integration-key>");
    out.println();
    out.println("Clarion demo is running at " + url);
    out.println("  config   " + config.source() + "   database " + config.database().url().split(";")[0]);
    out.println("  health   " + url + "/healthz   " + url + "/readyz   " + url + "/metrics");
    out.println();
    out.println("API token for " + admin.id() + " (admin), valid until you delete ./data:");
    out.println("  export CLARION_TOKEN=" + token);
    out.println();
    out.println("Open an incident (AlertNow Standard API; routed to payments-db because the summary contains RDS):");
    out.println("  curl -sS -X POST " + url + "/integration/standard/v1/" + standardKey
        + " -H 'Content-Type: application/json' \\");
    out.println("    -d '{\"summary\":\"RDS CPU over 90% on prod-db-1\",\"event_id\":\"rds-cpu-prod-db-1\",\"urgency\":\"high\"}'");
    out.println();
    out.println("See and handle it:");
    out.println("  curl -sS -H \"Authorization: Bearer $CLARION_TOKEN\" " + url + "/api/v1/incidents");
    out.println("  ./clarion incident list");
    out.println("  ./clarion incident ack 1");
    out.println();
    out.println("Press Ctrl+C to stop.");
    out.flush();
  }
}
