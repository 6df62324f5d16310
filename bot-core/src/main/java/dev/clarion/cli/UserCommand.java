package dev.clarion.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clarion user link USER --channel telegram}: a one-time code to link a chat account. */
@Command(name = "user", mixinStandardHelpOptions = true,
    description = "Users: link a chat account with a one-time code.",
    subcommands = {UserCommand.Link.class})
final class UserCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "link", mixinStandardHelpOptions = true,
      description = {"Make a one-time code (single use, valid 15 minutes) that links a chat"
          + " account to USER.", "The person sends '/link CODE' to the bot in a private chat"
          + " (Discord: /clarion link code:CODE)."})
  static final class Link implements Callable<Integer> {
    @Mixin ServerOptions server;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "USER", description = "The user's id in clarion.yml.")
    String user;

    @Option(names = "--channel", required = true, paramLabel = "CHANNEL",
        description = "The chat channel: telegram, discord or slack.")
    String channel;

    @Override
    public Integer call() throws Exception {
      ServerClient.Response r = server.client().post(
          "/api/v1/users/" + java.net.URLEncoder.encode(user, java.nio.charset.StandardCharsets.UTF_8)
              .replace("+", "%20") + "/link-codes",
          ServerClient.JSON.writeValueAsString(Map.of("channel", channel)),
          server.requireToken());
      if (r.status() != 201) {
        throw new ClarionCli.CliFailure(
            r.status() >= 500 ? ClarionCli.FAILURE : ClarionCli.INPUT_ERROR,
            ServerClient.errorMessage(r));
      }
      String code = r.body().path("code").asText();
      String ch = r.body().path("channel").asText(channel);
      PrintWriter out = spec.commandLine().getOut();
      out.println(code);
      out.println("Valid once, until " + r.body().path("expires_at").asText() + ". "
          + (ch.equals("discord") ? "In Discord, run  /clarion link code:" + code
              : "Send  /link " + code + "  to the " + ch + " bot in a private chat."));
      out.flush();
      return 0;
    }
  }
}
