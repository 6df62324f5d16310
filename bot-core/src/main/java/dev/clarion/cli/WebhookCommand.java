package dev.clarion.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code clarion webhook preview|test ID}: render a webhook's body, or send it, for a sample. */
@Command(name = "webhook", mixinStandardHelpOptions = true,
    description = "Preview a webhook's body for a sample incident, or send it as a test.",
    subcommands = {WebhookCommand.Preview.class, WebhookCommand.Test.class})
final class WebhookCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  abstract static class Remote implements Callable<Integer> {
    @Mixin ServerOptions server;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The webhook's id in clarion.yml.")
    String id;

    ServerClient.Response post(String action) {
      ServerClient.Response r = server.client().post("/api/v1/webhooks/" + id + "/" + action, "{}",
          server.requireToken());
      if (r.status() != 200) {
        throw new ClarionCli.CliFailure(
            r.status() >= 500 ? ClarionCli.FAILURE : ClarionCli.INPUT_ERROR,
            ServerClient.errorMessage(r));
      }
      return r;
    }
  }

  @Command(name = "preview", mixinStandardHelpOptions = true,
      description = "Print the body the webhook would receive for a sample incident.")
  static final class Preview extends Remote {
    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.println(post("preview").body().path("body").asText());
      out.flush();
      return 0;
    }
  }

  @Command(name = "test", mixinStandardHelpOptions = true,
      description = "Send the sample to the webhook now and print what it answered.")
  static final class Test extends Remote {
    @Override
    public Integer call() {
      ServerClient.Response r = post("test");
      PrintWriter out = spec.commandLine().getOut();
      String result = r.body().path("result").asText();
      out.println(id + ": " + result + (r.body().has("reason")
          ? " (" + r.body().path("reason").asText() + ")" : ""));
      out.flush();
      return "delivered".equals(result) ? 0 : ClarionCli.FAILURE;
    }
  }
}
