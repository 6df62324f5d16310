package dev.clarion.cli;

import dev.clarion.app.ClarionServer;
import dev.clarion.config.ClarionConfig;
import dev.clarion.problem.Problem;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the server until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the Clarion server with the given configuration.")
final class ServeCommand implements Runnable {
  @Mixin StartOptions options;

  @Override
  public void run() {
    ClarionConfig loaded = options.load();
    ClarionServer server = startOrFail(loaded);
    System.out.println("Clarion listening on " + server.publicUrl() + " (database " + loaded.database() + ")");
    waitForShutdown(server);
  }

  static ClarionServer startOrFail(ClarionConfig config) {
    try {
      return ClarionServer.start(config, Clock.systemUTC());
    } catch (Problem e) {
      throw new ClarionCli.CliFailure(ClarionCli.FAILURE, e.getMessage());
    } catch (dev.clarion.workflow.bpmn.PolicyException e) {
      throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR,
          "invalid escalation policies:\n" + e.getMessage());
    } catch (dev.clarion.workflow.bpmn.RunbookFiles.Invalid e) {
      throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR,
          "invalid runbooks (check them with 'clarion runbook validate'):\n" + e.getMessage());
    } catch (RuntimeException e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("Address already in use") || message.contains("Failed to bind")) {
        throw new ClarionCli.CliFailure(ClarionCli.FAILURE, "port " + config.server().port()
            + " is in use; stop the other process or pass --port");
      }
      throw e;
    }
  }

  static void waitForShutdown(ClarionServer server) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
