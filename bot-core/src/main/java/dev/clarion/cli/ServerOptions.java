package dev.clarion.cli;

import picocli.CommandLine.Option;

/** Where the running server is and how to authenticate to it. */
final class ServerOptions {
  @Option(names = "--server", paramLabel = "URL",
      defaultValue = "${env:CLARION_SERVER:-http://127.0.0.1:8080}",
      description = "Clarion's URL (default: ${DEFAULT-VALUE}; env CLARION_SERVER).")
  String server;

  @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:CLARION_TOKEN}",
      description = "API token (env CLARION_TOKEN); create one with 'clarion token create'.")
  String token;

  ServerClient client() {
    return new ServerClient(server);
  }

  String requireToken() {
    if (token == null || token.isBlank()) {
      throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR,
          "no API token: pass --token or set CLARION_TOKEN (create one with 'clarion token create --user <id>')");
    }
    return token;
  }
}
