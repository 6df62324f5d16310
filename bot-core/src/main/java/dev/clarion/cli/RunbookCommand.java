package dev.clarion.cli;

import dev.clarion.config.ClarionConfig;
import dev.clarion.runbook.RunbookSettings;
import dev.clarion.service.Service;
import dev.clarion.service.ServiceId;
import dev.clarion.workflow.bpmn.RunbookFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code clarion runbook validate [dir]} checks runbook files on this machine (exit 2 with every
 * problem, each naming its file); every other {@code clarion runbook ...} line goes to the running
 * server's catalogue, exactly as typed in chat ({@code clarion runbook run restart-service 42}).
 */
@Command(name = "runbook", mixinStandardHelpOptions = true,
    description = "Runbooks: validate [dir] (offline), list [service], show <id>,"
        + " run <id> [incident] [key=value…], runs [incident], show-run <run>, approve <run>,"
        + " deny <run> [reason], answer <run> <choice>, retry <run>, cancel <run>.")
final class RunbookCommand extends CatalogueCommand {
  @Parameters(arity = "1..*", paramLabel = "WORDS",
      description = "e.g. validate, list checkout, run restart-service 42")
  List<String> words;

  @Mixin ConfigOption config;

  @Override
  String prefix() {
    return "runbook";
  }

  @Override
  List<String> words() {
    return words;
  }

  @Override
  public Integer call() {
    if (!words.get(0).equals("validate")) {
      return super.call();
    }
    if (words.size() > 2) {
      throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR, "usage: clarion runbook validate [dir]");
    }
    // The configuration, when there is one, gives the directory and the services to check against.
    Optional<ClarionConfig> loaded = Files.isRegularFile(config.file)
        ? Optional.of(config.load()) : Optional.empty();
    Path dir = words.size() == 2 ? Path.of(words.get(1))
        : loaded.map(c -> c.runbooks().directory()).orElse(RunbookSettings.DEFAULT_DIRECTORY);
    if (!Files.isDirectory(dir)) {
      throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR, "no runbook directory " + dir);
    }
    Optional<Set<ServiceId>> services = loaded.map(c -> c.services().stream().map(Service::id)
        .collect(Collectors.toSet()));
    List<String> problems = RunbookFiles.validate(dir, services);
    if (!problems.isEmpty()) {
      throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR, problems.size() + " problem(s) in "
          + dir + ":\n" + String.join("\n", problems));
    }
    PrintWriter out = spec.commandLine().getOut();
    List<RunbookFiles.Loaded> runbooks = RunbookFiles.load(dir, services);
    for (RunbookFiles.Loaded r : runbooks) {
      out.printf("%s: ok (%s, %d steps%s)%n", r.runbook().origin(), r.runbook().id(),
          r.runbook().steps().size(), r.runbook().isPlaybook() ? ", playbook" : "");
    }
    out.printf("%d runbook(s) valid%n", runbooks.size());
    out.flush();
    return 0;
  }
}
