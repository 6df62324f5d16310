package dev.clarion.command;

import static dev.clarion.command.Argument.Type.INCIDENT;
import static dev.clarion.command.Argument.Type.SERVICE;
import static dev.clarion.command.Argument.Type.TEXT;
import static dev.clarion.command.Argument.Type.WORD;

import dev.clarion.audit.AuditLog;
import dev.clarion.escalation.EscalationOutlook;
import dev.clarion.escalation.NextEscalation;
import dev.clarion.incident.Incident;
import dev.clarion.incident.IncidentFilter;
import dev.clarion.incident.IncidentService;
import dev.clarion.incident.IncidentStatus;
import dev.clarion.incident.NewIncident;
import dev.clarion.incident.Urgency;
import dev.clarion.problem.Problem;
import dev.clarion.service.ServiceId;
import dev.clarion.user.Role;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one list of commands people can run, from any surface. {@link #run(Invoker, String)} parses a
 * command line ("incident ack 42", or the short alias "ack 42"); {@link #run(Invoker, String, Map)}
 * takes named arguments (the REST API, Discord's typed options). Both check the invoker's role and
 * always answer with a {@link Reply}: refusals and mistakes are {@link Reply.ErrorReply}s, never
 * exceptions.
 */
public final class CommandCatalog {
  private final Map<String, CommandSpec> byName = new java.util.concurrent.ConcurrentSkipListMap<>();
  private final Map<String, CommandSpec> byAlias = new java.util.concurrent.ConcurrentHashMap<>();
  private final IncidentService incidents;
  private final AuditLog audit;
  private final Clock clock;
  private final EscalationOutlook outlook;

  public CommandCatalog(IncidentService incidents, AuditLog audit, Clock clock) {
    this(incidents, audit, clock, EscalationOutlook.NONE);
  }

  /** @param outlook the next escalation step shown with an incident */
  public CommandCatalog(
      IncidentService incidents, AuditLog audit, Clock clock, EscalationOutlook outlook) {
    this.outlook = outlook;
    this.incidents = incidents;
    this.audit = audit;
    this.clock = clock;
    registerIncidentCommands();
    add(new CommandSpec(
        "help", "List the commands, or explain one", List.of(new Argument("command", TEXT, false, "a command name")),
        Role.VIEWER, List.of(), this::help));
  }

  public List<CommandSpec> commands() {
    return List.copyOf(byName.values());
  }

  public Optional<CommandSpec> find(String name) {
    String key = name.trim().toLowerCase(Locale.ROOT);
    return Optional.ofNullable(byName.get(key)).or(() -> Optional.ofNullable(byAlias.get(key)));
  }

  /** Parses and runs a command line. */
  public Reply run(Invoker invoker, String line) {
    List<String> words = Tokens.split(line == null ? "" : line);
    if (words.isEmpty()) {
      return help(new Invocation(invoker, byName.get("help"), Map.of()));
    }
    Optional<CommandSpec> spec = Optional.empty();
    int consumed = 0;
    if (words.size() >= 2) {
      spec = find(words.get(0) + " " + words.get(1));
      consumed = 2;
    }
    if (spec.isEmpty()) {
      spec = find(words.get(0));
      consumed = 1;
    }
    if (spec.isEmpty()) {
      return new Reply.ErrorReply(
          Problem.Kind.INVALID, Optional.of("command"),
          "unknown command '" + String.join(" ", words.subList(0, Math.min(2, words.size())))
              + "'; try 'help'",
          Optional.empty());
    }
    CommandSpec command = spec.get();
    Map<String, String> args = new LinkedHashMap<>();
    List<String> rest = words.subList(consumed, words.size());
    List<Argument> declared = command.arguments();
    for (int i = 0; i < declared.size() && i < rest.size(); i++) {
      Argument argument = declared.get(i);
      args.put(argument.name(), argument.type() == TEXT ? String.join(" ", rest.subList(i, rest.size())) : rest.get(i));
    }
    boolean takesRest = !declared.isEmpty() && declared.get(declared.size() - 1).type() == TEXT;
    if (!takesRest && rest.size() > declared.size()) {
      return usageError(command, "too many arguments");
    }
    return run(invoker, command.name(), args);
  }

  /** Runs a command with named arguments. */
  public Reply run(Invoker invoker, String name, Map<String, String> arguments) {
    Optional<CommandSpec> spec = find(name);
    if (spec.isEmpty()) {
      return new Reply.ErrorReply(
          Problem.Kind.INVALID, Optional.of("command"), "unknown command '" + name + "'; try 'help'",
          Optional.empty());
    }
    CommandSpec command = spec.get();
    if (!invoker.user().role().includes(command.requiredRole())) {
      audit.record(clock.instant(), invoker.actor(), "command.denied", "command:" + command.name(),
          "role " + invoker.user().role().label() + " < " + command.requiredRole().label());
      return new Reply.ErrorReply(
          Problem.Kind.FORBIDDEN, Optional.empty(),
          "'" + command.name() + "' needs the " + command.requiredRole().label() + " role; "
              + invoker.user().name() + " is a " + invoker.user().role().label(),
          Optional.empty());
    }
    for (Argument argument : command.arguments()) {
      String value = arguments.get(argument.name());
      if (argument.required() && (value == null || value.isBlank())) {
        return usageError(command, "missing <" + argument.name() + ">");
      }
    }
    try {
      return command.handler().run(new Invocation(invoker, command, arguments));
    } catch (Problem problem) {
      Optional<String> usage =
          problem.kind() == Problem.Kind.INVALID ? Optional.of(command.usage()) : Optional.empty();
      return new Reply.ErrorReply(problem.kind(), problem.field(), problem.getMessage(), usage);
    }
  }

  private static Reply usageError(CommandSpec command, String what) {
    return new Reply.ErrorReply(
        Problem.Kind.INVALID, Optional.empty(), what + "; usage: " + command.usage(),
        Optional.of(command.usage()));
  }

  /**
   * Adds a command from another domain package (on-call, maintenance, runbooks...). Names and
   * aliases must be unique; registering happens at start-up, before any command runs.
   */
  public synchronized void register(CommandSpec spec) {
    if (byName.containsKey(spec.name()) || byAlias.containsKey(spec.name())) {
      throw new IllegalStateException("command '" + spec.name() + "' is already registered");
    }
    for (String alias : spec.aliases()) {
      if (byName.containsKey(alias) || byAlias.containsKey(alias)) {
        throw new IllegalStateException("alias '" + alias + "' is already taken");
      }
    }
    add(spec);
  }

  private void add(CommandSpec spec) {
    byName.put(spec.name(), spec);
    spec.aliases().forEach(alias -> byAlias.put(alias, spec));
  }

  private Optional<NextEscalation> nextEscalation(Incident incident) {
    try {
      return outlook.next(incident);
    } catch (RuntimeException e) {
      return Optional.empty(); // the incident is shown even when the engine cannot answer
    }
  }

  private void registerIncidentCommands() {
    Argument number = new Argument("number", INCIDENT, true, "incident number, e.g. 42");
    add(new CommandSpec(
        "incident list", "List incidents (open by default)",
        List.of(new Argument("status", WORD, false, "open|triggered|acknowledged|resolved|all")),
        Role.VIEWER, List.of("list"), this::list));
    add(new CommandSpec(
        "incident show", "Show an incident and its timeline", List.of(number), Role.VIEWER,
        List.of("show"), inv -> {
          Incident incident = incidents.get(inv.incident("number"));
          return new Reply.IncidentReply(headline(incident), incident,
              incidents.timeline(incident.id()), false, nextEscalation(incident));
        }));
    add(new CommandSpec(
        "incident ack", "Acknowledge an incident: you are on it, escalation stops", List.of(number),
        Role.RESPONDER, List.of("ack", "acknowledge"), inv -> {
          Incident incident = incidents.acknowledge(inv.incident("number"), inv.invoker().actor());
          return changed("Incident " + incident.id() + " acknowledged by " + inv.invoker().user().name(), incident);
        }));
    add(new CommandSpec(
        "incident resolve", "Resolve an incident", List.of(number), Role.RESPONDER,
        List.of("resolve"), inv -> {
          Incident incident = incidents.resolve(inv.incident("number"), inv.invoker().actor());
          return changed("Incident " + incident.id() + " resolved by " + inv.invoker().user().name(), incident);
        }));
    add(new CommandSpec(
        "incident escalate", "Page the next escalation step now instead of waiting",
        List.of(number), Role.RESPONDER, List.of("escalate"), inv -> {
          Incident incident = incidents.escalateNow(inv.incident("number"), inv.invoker().actor());
          return changed("Incident " + incident.id() + " escalated now by " + inv.invoker().user().name(), incident);
        }));
    add(new CommandSpec(
        "incident comment", "Add a note to an incident's timeline",
        List.of(number, new Argument("text", TEXT, true, "the note")), Role.RESPONDER,
        List.of("comment"), inv -> {
          var id = inv.incident("number");
          incidents.comment(id, inv.invoker().actor(), inv.required("text"));
          return changed("Comment added to incident " + id, incidents.get(id));
        }));
    add(new CommandSpec(
        "incident new", "Open an incident by hand",
        List.of(new Argument("service", SERVICE, true, "service id"),
            new Argument("summary", TEXT, true, "what is wrong")),
        Role.RESPONDER, List.of("new"), inv -> {
          Incident incident = incidents.open(
              new NewIncident(new ServiceId(inv.required("service")), inv.required("summary"),
                  inv.invoker().user().name(), Urgency.HIGH, Optional.empty(), false, Map.of()),
              inv.invoker().actor(), "opened by hand by " + inv.invoker().user().name());
          return changed("Incident " + incident.id() + " opened", incident);
        }));
  }

  private Reply list(Invocation inv) {
    String status = inv.optional("status").orElse("open").toLowerCase(Locale.ROOT);
    Set<IncidentStatus> statuses = switch (status) {
      case "open" -> Set.of(IncidentStatus.TRIGGERED, IncidentStatus.ACKNOWLEDGED);
      case "all" -> Set.of();
      default -> {
        try {
          yield Set.of(IncidentStatus.valueOf(status.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          throw Problem.invalid("status",
              "unknown status '" + status + "' (use open|triggered|acknowledged|resolved|all)");
        }
      }
    };
    IncidentFilter filter = new IncidentFilter(
        statuses, Optional.empty(), Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), 20);
    List<Incident> found = incidents.list(filter);
    String title = found.isEmpty() ? "No " + status + " incidents" : capitalize(status) + " incidents";
    return new Reply.IncidentListReply(title, found);
  }

  private Reply help(Invocation inv) {
    Optional<String> topic = inv.optional("command");
    if (topic.isPresent()) {
      CommandSpec spec = find(topic.get()).orElseThrow(
          () -> Problem.invalid("command", "no command named '" + topic.get() + "'"));
      return new Reply.HelpReply(List.of(spec), Optional.of(spec));
    }
    List<CommandSpec> visible = new ArrayList<>();
    for (CommandSpec spec : byName.values()) {
      if (inv.invoker().user().role().includes(spec.requiredRole())) {
        visible.add(spec);
      }
    }
    return new Reply.HelpReply(visible, Optional.empty());
  }

  private Reply changed(String headline, Incident incident) {
    return new Reply.IncidentReply(headline, incident, incidents.timeline(incident.id()), true,
        nextEscalation(incident));
  }

  private static String headline(Incident incident) {
    return "Incident " + incident.id() + " [" + incident.status().label() + "] " + incident.summary();
  }

  private static String capitalize(String text) {
    return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
  }
}
