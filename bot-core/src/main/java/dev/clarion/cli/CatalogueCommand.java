package dev.clarion.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code clarion oncall ...} and {@code clarion maint ...}: the words after the command name are
 * sent as one catalogue line ({@code POST /api/v1/commands}), so the CLI has exactly the commands,
 * rules and replies chat has ({@code clarion oncall who}, {@code clarion maint start checkout 30m
 * deploy --yes}).
 */
abstract class CatalogueCommand implements Callable<Integer> {
  @Mixin ServerOptions server;
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  abstract String prefix();

  abstract List<String> words();

  @Override
  public Integer call() {
    List<String> line = new ArrayList<>();
    line.add(prefix());
    line.addAll(words());
    String body;
    try {
      body = ServerClient.JSON.writeValueAsString(Map.of("command",
          String.join(" ", line.stream().map(CatalogueCommand::quote).toList()), "via", "cli"));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    ServerClient.Response response =
        server.client().post("/api/v1/commands", body, server.requireToken());
    if (response.body().path("type").isMissingNode()) {
      throw new ClarionCli.CliFailure(
          response.status() >= 500 ? ClarionCli.FAILURE : ClarionCli.INPUT_ERROR,
          ServerClient.errorMessage(response));
    }
    if ("error".equals(response.body().path("type").asText())) {
      throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR,
          ReplyText.render(response.body()).strip());
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(ReplyText.render(response.body()));
    out.flush();
    return 0;
  }

  private static String quote(String word) {
    return word.contains(" ") ? "\"" + word.replace("\"", "") + "\"" : word;
  }

  @Command(name = "oncall", mixinStandardHelpOptions = true,
      description = "On call: who [schedule|service], cover <user|me> <duration|until> [schedule],"
          + " shifts [user], overrides [schedule], uncover <override>.")
  static final class OnCall extends CatalogueCommand {
    @Parameters(arity = "1..*", paramLabel = "WORDS", description = "e.g. who, or cover me 2h")
    List<String> words;

    @Override
    String prefix() {
      return "oncall";
    }

    @Override
    List<String> words() {
      return words;
    }
  }

  @Command(name = "maint", mixinStandardHelpOptions = true,
      description = "Maintenance: start <service> <duration> [reason] (a preview until --yes),"
          + " extend <window> <duration>, end <window>, list [history].")
  static final class Maint extends CatalogueCommand {
    @Parameters(arity = "1..*", paramLabel = "WORDS", description = "e.g. start checkout 30m")
    List<String> words;

    @Option(names = "--yes", description = "confirm 'maint start' after reading its preview")
    boolean yes;

    @Override
    String prefix() {
      return "maint";
    }

    @Override
    List<String> words() {
      List<String> all = new ArrayList<>(words);
      if (yes) {
        all.add("--yes");
      }
      return all;
    }
  }
}
