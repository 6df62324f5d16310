package dev.clarion.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code clarion incident ...}: each subcommand is sent as a command line to the server's catalogue
 * ({@code POST /api/v1/commands}), so the CLI obeys exactly the rules chat and the API obey.
 */
@Command(name = "incident", mixinStandardHelpOptions = true,
    description = "List, show, acknowledge, resolve, escalate, comment on or open incidents on a running server.",
    subcommands = {
      IncidentCommand.ListIncidents.class, IncidentCommand.Show.class, IncidentCommand.Ack.class,
      IncidentCommand.Resolve.class, IncidentCommand.Escalate.class, IncidentCommand.Comment.class,
      IncidentCommand.New.class
    })
final class IncidentCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Sends one catalogue command and prints its reply; non-zero exit when refused. */
  abstract static class Remote implements java.util.concurrent.Callable<Integer> {
    @Mixin ServerOptions server;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    abstract java.util.List<String> words();

    @Override
    public Integer call() {
      java.util.List<String> words = new ArrayList<>();
      words.add("incident");
      words.add(spec.name());
      words.addAll(words());
      String line = String.join(" ", words.stream().map(Remote::quote).toList());
      String body;
      try {
        body = ServerClient.JSON.writeValueAsString(Map.of("command", line, "via", "cli"));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      ServerClient.Response response = server.client().post("/api/v1/commands", body, server.requireToken());
      PrintWriter out = spec.commandLine().getOut();
      if (response.body().path("type").isMissingNode()) {
        throw new ClarionCli.CliFailure(
            response.status() >= 500 ? ClarionCli.FAILURE : ClarionCli.INPUT_ERROR,
            ServerClient.errorMessage(response));
      }
      if ("error".equals(response.body().path("type").asText())) {
        throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR, ReplyText.render(response.body()).strip());
      }
      out.print(ReplyText.render(response.body()));
      out.flush();
      return 0;
    }

    private static String quote(String word) {
      return word.contains(" ") ? "\"" + word.replace("\"", "") + "\"" : word;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List incidents (open by default).")
  static final class ListIncidents extends Remote {
    @Parameters(arity = "0..1", paramLabel = "STATUS", description = "open|triggered|acknowledged|resolved|all")
    String status;

    @Override
    java.util.List<String> words() {
      return status == null ? java.util.List.of() : java.util.List.of(status);
    }
  }

  /** A command whose only argument is the incident number. */
  abstract static class OnIncident extends Remote {
    @Parameters(paramLabel = "NUMBER", description = "Incident number, e.g. 42 or #42.")
    String number;

    @Override
    java.util.List<String> words() {
      return java.util.List.of(number);
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show an incident and its timeline.")
  static final class Show extends OnIncident {}

  @Command(name = "ack", mixinStandardHelpOptions = true, description = "Acknowledge an incident.")
  static final class Ack extends OnIncident {}

  @Command(name = "resolve", mixinStandardHelpOptions = true, description = "Resolve an incident.")
  static final class Resolve extends OnIncident {}

  @Command(name = "escalate", mixinStandardHelpOptions = true,
      description = "Page the next escalation step now instead of waiting.")
  static final class Escalate extends OnIncident {}

  @Command(name = "comment", mixinStandardHelpOptions = true, description = "Add a note to an incident's timeline.")
  static final class Comment extends Remote {
    @Parameters(index = "0", paramLabel = "NUMBER") String number;
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "TEXT") java.util.List<String> text;

    @Override
    java.util.List<String> words() {
      java.util.List<String> words = new ArrayList<>();
      words.add(number);
      words.addAll(text);
      return words;
    }
  }

  @Command(name = "new", mixinStandardHelpOptions = true, description = "Open an incident by hand.")
  static final class New extends Remote {
    @Parameters(index = "0", paramLabel = "SERVICE") String service;
    @Parameters(index = "1..*", arity = "1..*", paramLabel = "SUMMARY") java.util.List<String> summary;

    @Override
    java.util.List<String> words() {
      java.util.List<String> words = new ArrayList<>();
      words.add(service);
      words.addAll(summary);
      return words;
    }
  }

}
