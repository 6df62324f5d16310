package dev.clarion.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code clarion plugins}: the channel plugins a running server loaded, and those it skipped. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = "List the channel plugins of a running server: loaded ones with their"
        + " capabilities, skipped ones with the reason.")
final class PluginsCommand implements Callable<Integer> {
  @Mixin ServerOptions server;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ServerClient.Response response = server.client().get("/api/v1/plugins", server.requireToken());
    if (response.status() != 200) {
      throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR, ServerClient.errorMessage(response));
    }
    PrintWriter out = spec.commandLine().getOut();
    int skipped = 0;
    for (JsonNode p : response.body().path("plugins")) {
      List<String> caps = new ArrayList<>();
      p.path("capabilities").forEach(c -> caps.add(c.asText().toLowerCase()));
      if ("loaded".equals(p.path("status").asText())) {
        out.printf("%-12s %-8s %-24s %s%n", p.path("id").asText(), p.path("version").asText(),
            p.path("origin").asText(), caps.isEmpty() ? "-" : String.join(",", caps));
      } else {
        skipped++;
        out.printf("%-12s SKIPPED  %-24s %s%n", p.path("id").asText(), p.path("origin").asText(),
            p.path("problem").asText());
      }
    }
    out.flush();
    return skipped == 0 ? 0 : ClarionCli.FAILURE;
  }
}
