package dev.clarion.cli;

import dev.clarion.app.ClarionServer;
import dev.clarion.config.ClarionConfig;
import dev.clarion.config.ConfiguredDirectory;
import dev.clarion.escalation.EscalationPolicy;
import dev.clarion.schedule.OnCallResolver;
import dev.clarion.schedule.Schedule;
import dev.clarion.schedule.ScheduleId;
import dev.clarion.service.Service;
import dev.clarion.service.ServiceId;
import dev.clarion.store.jdbc.Database;
import dev.clarion.workflow.bpmn.EscalationSimulator;
import dev.clarion.workflow.bpmn.PolicyCatalog;
import dev.clarion.workflow.bpmn.PolicyCompiler;
import dev.clarion.workflow.bpmn.PolicyDeployment;
import dev.clarion.workflow.bpmn.PolicyException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clarion policy compile|deploy|simulate}: escalation policies as BPMN. */
@Command(name = "policy", mixinStandardHelpOptions = true,
    description = "Compile, deploy and simulate escalation policies.",
    subcommands = {PolicyCommand.Compile.class, PolicyCommand.Deploy.class,
        PolicyCommand.Simulate.class})
final class PolicyCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static final class WorkflowsOption {
    @Option(names = "--workflows", paramLabel = "DIR",
        description = "Escalation BPMN directory (default: workflows/escalation).")
    Path directory;

    Path directory() {
      return directory != null ? directory : ClarionServer.workflowsDirectory();
    }
  }

  static List<PolicyCatalog.Policy> catalog(ClarionConfig config, Path workflows) {
    ConfiguredDirectory directory = new ConfiguredDirectory(config);
    try {
      return PolicyCatalog.load(config.escalationPolicies(), Optional.of(workflows),
          directory.services(), directory.users(), directory.teams(),
          config.schedules().stream().map(Schedule::id).collect(Collectors.toSet()),
          config.escalation().calendars().keySet());
    } catch (PolicyException e) {
      throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR,
          "invalid escalation policies:\n" + e.getMessage());
    }
  }

  @Command(name = "compile", mixinStandardHelpOptions = true,
      description = "Write a clarion.yml escalation policy as laid-out BPMN to"
          + " workflows/escalation/NAME.bpmn (opens in Camunda Modeler and bpmn-js).")
  static final class Compile implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "Policy id under escalation_policies:.")
    String name;

    @Mixin ConfigOption config;
    @Mixin WorkflowsOption workflows;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      ClarionConfig loaded = config.load();
      EscalationPolicy policy = loaded.escalationPolicies().stream()
          .filter(p -> p.name().equals(name)).findFirst()
          .orElseThrow(() -> new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR,
              "no escalation policy '" + name + "' in " + config.file + " (defined: "
                  + String.join(", ", loaded.escalationPolicies().stream()
                      .map(EscalationPolicy::name).toList()) + ")"));
      Path out = workflows.directory().resolve(name + ".bpmn");
      try {
        Files.createDirectories(out.getParent());
        Files.writeString(out, PolicyCompiler.toXml(policy));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + out, e);
      }
      spec.commandLine().getOut().printf("wrote %s (process %s, %d steps)%n", out,
          PolicyCompiler.processKey(name), policy.steps().size());
      return 0;
    }
  }

  @Command(name = "deploy", mixinStandardHelpOptions = true,
      description = "Validate every escalation policy, then deploy the changed ones through the"
          + " running server (admin token; POST /api/v1/policies/deploy). Nothing is replaced when"
          + " any policy is invalid; running incidents keep the version they started with."
          + " With --direct, deploy straight into the configured database while Clarion is"
          + " stopped.")
  static final class Deploy implements Callable<Integer> {
    @Mixin ConfigOption config;
    @Mixin WorkflowsOption workflows;
    @Mixin ServerOptions server;

    @Option(names = "--direct",
        description = "Deploy into the database without a server (only while Clarion is stopped:"
            + " a running server holds an H2 file database).")
    boolean direct;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      return direct ? direct() : throughServer();
    }

    private int throughServer() {
      ServerClient.Response response;
      try {
        response = server.client().post("/api/v1/policies/deploy", "{}", server.requireToken());
      } catch (ClarionCli.CliFailure e) {
        if (e.getMessage().startsWith("cannot reach")) {
          throw new ClarionCli.CliFailure(e.exitCode(), e.getMessage()
              + "; with Clarion stopped, deploy into its database with --direct");
        }
        throw e;
      }
      PrintWriter out = spec.commandLine().getOut();
      if (response.status() == 200) {
        for (var d : response.body().path("deployed")) {
          out.printf("%s: %s%n", d.path("origin").asText(), d.path("changed").asBoolean()
              ? "deployed as version " + d.path("version").asInt()
              : "unchanged (version " + d.path("version").asInt() + ")");
        }
        out.flush();
        return 0;
      }
      if (response.status() == 422) {
        List<String> problems = new java.util.ArrayList<>();
        response.body().path("problems").forEach(p -> problems.add("  " + p.asText()));
        throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR,
            "invalid escalation policies, nothing deployed:\n" + String.join("\n", problems));
      }
      throw new ClarionCli.CliFailure(
          response.status() >= 500 ? ClarionCli.FAILURE : ClarionCli.INPUT_ERROR,
          ServerClient.errorMessage(response));
    }

    private int direct() {
      ClarionConfig loaded = config.load();
      List<PolicyCatalog.Policy> policies = catalog(loaded, workflows.directory());
      var settings = loaded.database();
      try (Database db = Database.open(settings.url(), settings.user(), settings.password(), 2)) {
        for (PolicyDeployment.Result result : PolicyDeployment.deploy(db.dataSource(), policies)) {
          spec.commandLine().getOut().printf("%s: %s%n", result.policy().origin(),
              result.describe());
        }
      }
      return 0;
    }
  }

  @Command(name = "simulate", mixinStandardHelpOptions = true,
      description = "Run a policy's BPMN on a virtual clock in a throwaway engine and print who"
          + " would be paged when. Touches no database.")
  static final class Simulate implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    @Parameters(paramLabel = "POLICY|SERVICE", description = "A policy name or a service id.")
    String name;

    @Option(names = "--start", paramLabel = "TIME",
        description = "Start time, ISO-8601 (2026-03-02T09:00 is read as UTC; default: now).")
    String start;

    @Option(names = "--ack-after", paramLabel = "DURATION",
        description = "Acknowledge after this long, e.g. 20m, 1h30m (default: never).")
    String ackAfter;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for random team members.")
    Long seed;

    @Mixin ConfigOption config;
    @Mixin WorkflowsOption workflows;
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      ClarionConfig loaded = config.load();
      ConfiguredDirectory directory = new ConfiguredDirectory(loaded);
      List<PolicyCatalog.Policy> policies = catalog(loaded, workflows.directory());
      String policyName = directory.services().find(new ServiceId(name))
          .flatMap(Service::escalationPolicy).orElse(name);
      PolicyCatalog.Policy policy = policies.stream().filter(p -> p.name().equals(policyName))
          .findFirst()
          .orElseThrow(() -> new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR,
              "no escalation policy or service '" + name + "' (policies: " + String.join(", ",
                  policies.stream().map(PolicyCatalog.Policy::name).toList()) + ")"));
      Instant from = start == null ? Clock.systemUTC().instant() : parseStart(start);
      Optional<Duration> ack = Optional.ofNullable(ackAfter).map(Simulate::parseDuration);
      List<EscalationSimulator.Event> events = EscalationSimulator.simulate(policy,
          directory.users(), directory.teams(), rotationsOnly(loaded),
          loaded.escalation().calendars(), from, ack,
          seed == null ? new Random() : new Random(seed));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("Policy %s (%s), incident opened %s%n", policy.name(), policy.origin(), from);
      for (EscalationSimulator.Event event : events) {
        Duration offset = Duration.between(from, event.at());
        out.printf("  +%d:%02d  %s  %s%n", offset.toHours(), offset.toMinutesPart(),
            event.at(), event.what());
      }
      return 0;
    }

    /**
     * Who the schedules' rotations put on call; overrides live in the database, which the
     * simulator does not open.
     */
    static OnCallResolver rotationsOnly(ClarionConfig config) {
      Map<ScheduleId, Schedule> byId = new HashMap<>();
      config.schedules().forEach(s -> byId.put(s.id(), s));
      return (id, at) -> Optional.ofNullable(byId.get(id))
          .flatMap(s -> s.onCallAt(at, List.of()))
          .map(List::of)
          .orElse(List.of());
    }

    static Instant parseStart(String text) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e) {
        try {
          return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e2) {
          throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR,
              "--start: not an ISO-8601 time: '" + text + "' (e.g. 2026-03-02T09:00)");
        }
      }
    }

    static Duration parseDuration(String text) {
      Matcher m = DURATION.matcher(text.strip());
      if (text.isBlank() || !m.matches()) {
        throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR,
            "--ack-after: not a duration: '" + text + "' (e.g. 20m, 1h30m, 90s)");
      }
      return Duration.ofHours(m.group(1) == null ? 0 : Long.parseLong(m.group(1)))
          .plusMinutes(m.group(2) == null ? 0 : Long.parseLong(m.group(2)))
          .plusSeconds(m.group(3) == null ? 0 : Long.parseLong(m.group(3)));
    }
  }
}
