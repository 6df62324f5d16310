package dev.clarion.command;

import static dev.clarion.command.Argument.Type.SERVICE;
import static dev.clarion.command.Argument.Type.TEXT;
import static dev.clarion.command.Argument.Type.WORD;

import dev.clarion.incident.IncidentId;
import dev.clarion.problem.Problem;
import dev.clarion.runbook.RunId;
import dev.clarion.runbook.RunStatus;
import dev.clarion.runbook.Runbook;
import dev.clarion.runbook.RunbookId;
import dev.clarion.runbook.RunbookRun;
import dev.clarion.runbook.Runbooks;
import dev.clarion.service.ServiceId;
import dev.clarion.user.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code runbook} commands: list, show, run, approve, deny, answer, retry, cancel, runs and
 * show-run. Thin: {@link Runbooks} holds the rules (four-eyes, roles, audit). Approve, deny and
 * answer are what chat's buttons run, and work typed from any surface too.
 */
public final class RunbookCommands {
  private final Runbooks runbooks;

  private RunbookCommands(Runbooks runbooks) {
    this.runbooks = runbooks;
  }

  public static void register(CommandCatalog catalog, Runbooks runbooks) {
    RunbookCommands c = new RunbookCommands(runbooks);
    Argument run = new Argument("run", WORD, true, "run number, e.g. 7 or #7");
    catalog.register(new CommandSpec("runbook list", "List runbooks, or those linked to a service",
        List.of(new Argument("service", SERVICE, false, "service id")), Role.VIEWER, List.of(),
        c::list));
    catalog.register(new CommandSpec("runbook show", "Show a runbook: what it does, who owns it, its steps",
        List.of(new Argument("runbook", WORD, true, "runbook id")), Role.VIEWER, List.of(), c::show));
    catalog.register(new CommandSpec("runbook run",
        "Run a runbook, on an incident if given, with key=value parameters",
        List.of(new Argument("runbook", WORD, true, "runbook id"),
            new Argument("options", TEXT, false, "[incident] [key=value…]")),
        Role.RESPONDER, List.of(), c::run));
    catalog.register(new CommandSpec("runbook approve",
        "Approve the step a run waits at (not your own run)", List.of(run), Role.RESPONDER,
        List.of(), inv -> c.changed("Run #%d approved", runbooks.approve(inv.invoker().user(),
            inv.invoker().via(), id(inv)))));
    catalog.register(new CommandSpec("runbook deny", "Deny the approval a run waits for: it stops",
        List.of(run, new Argument("reason", TEXT, false, "why")), Role.RESPONDER, List.of(),
        inv -> c.changed("Run #%d denied", runbooks.deny(inv.invoker().user(), inv.invoker().via(),
            id(inv), inv.optional("reason").orElse("")))));
    catalog.register(new CommandSpec("runbook answer", "Answer the question a run asks",
        List.of(run, new Argument("choice", TEXT, true, "one of the offered choices")),
        Role.RESPONDER, List.of(), inv -> c.changed("Run #%d answered", runbooks.answer(
            inv.invoker().user(), inv.invoker().via(), id(inv), inv.required("choice")))));
    catalog.register(new CommandSpec("runbook retry", "Run a failed run's failed step again",
        List.of(run), Role.RESPONDER, List.of(), inv -> c.changed("Run #%d retried",
            runbooks.retry(inv.invoker().user(), inv.invoker().via(), id(inv)))));
    catalog.register(new CommandSpec("runbook cancel", "Stop a run", List.of(run), Role.RESPONDER,
        List.of(), inv -> c.changed("Run #%d cancelled", runbooks.cancel(inv.invoker().user(),
            inv.invoker().via(), id(inv)))));
    catalog.register(new CommandSpec("runbook runs", "Recent runs, or those on an incident",
        List.of(new Argument("incident", Argument.Type.INCIDENT, false, "incident number")),
        Role.VIEWER, List.of(), c::runs));
    catalog.register(new CommandSpec("runbook show-run", "Show a run: status, step, error",
        List.of(run), Role.VIEWER, List.of(), inv -> {
          RunbookRun r = runbooks.get(id(inv));
          return new Reply.RunReply(headline(r), r, false);
        }));
  }

  private Reply list(Invocation inv) {
    Optional<ServiceId> service = inv.optional("service").map(ServiceId::new);
    List<Runbook> found = runbooks.list(service);
    String where = service.map(s -> " for " + s.value()).orElse("");
    return new Reply.RunbookListReply(
        found.isEmpty() ? "No runbooks" + where : "Runbooks" + where, found);
  }

  private Reply show(Invocation inv) {
    return new Reply.RunbookReply(runbooks.get(new RunbookId(inv.required("runbook"))));
  }

  private Reply run(Invocation inv) {
    Optional<IncidentId> incident = inv.optional("incident").map(i -> Invocation.parseIncident("incident", i));
    List<String> params = new ArrayList<>();
    for (String word : Tokens.split(inv.optional("options").orElse(""))) {
      if (!word.contains("=") && incident.isEmpty() && params.isEmpty()) {
        incident = Optional.of(Invocation.parseIncident("incident", word));
      } else {
        params.add(word);
      }
    }
    Map<String, String> parameters = Runbooks.parseParameters(params);
    RunbookRun run = runbooks.start(inv.invoker().user(), inv.invoker().via(),
        new RunbookId(inv.required("runbook")), incident, parameters);
    return new Reply.RunReply("Run #" + run.id() + " of runbook " + run.runbook() + " started by "
        + inv.invoker().user().name() + " — " + describe(run), run, true);
  }

  private Reply runs(Invocation inv) {
    Optional<IncidentId> incident = inv.optional("incident").map(i -> inv.incident("incident"));
    List<RunbookRun> found = runbooks.runs(incident);
    String where = incident.map(i -> " on incident " + i).orElse("");
    return new Reply.RunListReply(found.isEmpty() ? "No runbook runs" + where : "Runbook runs" + where,
        found);
  }

  private Reply changed(String headline, RunbookRun run) {
    return new Reply.RunReply(headline.formatted(run.id().value()) + " — " + describe(run), run,
        true);
  }

  static String headline(RunbookRun run) {
    return "Run #" + run.id() + " of runbook " + run.runbook() + " — " + describe(run);
  }

  /** The run's state in a few words, as chat and the CLI show it. */
  public static String describe(RunbookRun run) {
    String step = run.step().map(s -> " at '" + s + "'").orElse("");
    return switch (run.status()) {
      case WAITING_APPROVAL -> "waiting for approval" + step + ": " + run.detail().orElse("");
      case WAITING_INPUT -> "waiting for an answer" + step + ": " + run.detail().orElse("")
          + (run.choices().isEmpty() ? "" : " [" + String.join(" / ", run.choices()) + "]");
      case FAILED -> "failed" + step + ": " + run.detail().orElse("") + " (runbook retry "
          + run.id() + ")";
      case CANCELLED -> "cancelled" + run.detail().map(d -> " (" + d + ")").orElse("");
      case SUCCEEDED -> "succeeded";
      case RUNNING -> "running";
    };
  }

  static RunId id(Invocation inv) {
    String text = inv.required("run");
    try {
      long n = Long.parseLong(text.startsWith("#") ? text.substring(1) : text);
      if (n > 0) {
        return new RunId(n);
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw Problem.invalid("run", "'" + text + "' is not a run number (try 7 or #7)");
  }

  /** Whether a run's status means someone can act on it now. */
  static boolean actionable(RunStatus status) {
    return status == RunStatus.WAITING_APPROVAL || status == RunStatus.WAITING_INPUT
        || status == RunStatus.FAILED;
  }
}
