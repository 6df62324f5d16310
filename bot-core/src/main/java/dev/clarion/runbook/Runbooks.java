package dev.clarion.runbook;

import dev.clarion.audit.Actor;
import dev.clarion.audit.AuditLog;
import dev.clarion.incident.Incident;
import dev.clarion.incident.IncidentId;
import dev.clarion.incident.IncidentService;
import dev.clarion.incident.TimelineEntry;
import dev.clarion.notification.Notifier;
import dev.clarion.notification.NotifyRequest;
import dev.clarion.notification.Recipient;
import dev.clarion.problem.Problem;
import dev.clarion.service.ServiceId;
import dev.clarion.store.Transactions;
import dev.clarion.user.Role;
import dev.clarion.user.User;
import dev.clarion.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything people do with runbooks, and everything a running step reports. Each change to a run
 * is stored, written to its incident's timeline (which is how it reaches the incident's chat
 * thread) and audited with who did it and through which surface, in one transaction.
 *
 * <p>Approvals are four-eyes: the person who started a run can never approve it, whatever their
 * role; the approver needs the role the step asks for (default from configuration).
 */
public final class Runbooks {
  /** Parameter names double as process variables, so they are plain identifiers. */
  static final Pattern PARAMETER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** Variables every run has; people cannot set them. */
  static final Set<String> RESERVED = Set.of("run", "runbook", "incident", "requester", "approved",
      "approver", "answer");
  private static final Actor ENGINE = Actor.system("runbook");

  private final Map<RunbookId, Runbook> catalog = new LinkedHashMap<>();
  private final RunbookSettings settings;
  private final RunStore runs;
  private final IncidentService incidents;
  private final AuditLog audit;
  private final Transactions transactions;
  private final Clock clock;
  private final Notifier notifier;
  private final Secrets secrets;
  private volatile RunbookEngine engine = RunbookEngine.NONE;

  public Runbooks(List<Runbook> runbooks, RunbookSettings settings, RunStore runs,
      IncidentService incidents, Notifier notifier, AuditLog audit, Transactions transactions,
      Clock clock) {
    this.notifier = notifier;
    runbooks.forEach(r -> catalog.put(r.id(), r));
    this.settings = settings;
    this.runs = runs;
    this.incidents = incidents;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
    this.secrets = new Secrets(settings.secrets());
  }

  /** Set once at start-up: the engine's delegates call back into this object. */
  public void useEngine(RunbookEngine runbookEngine) {
    this.engine = runbookEngine;
  }

  public RunbookSettings settings() {
    return settings;
  }

  public Secrets secrets() {
    return secrets;
  }

  public Clock clock() {
    return clock;
  }

  public String engineState() {
    return engine.state();
  }

  // --- the catalogue ------------------------------------------------------------------------------

  public List<Runbook> list(Optional<ServiceId> service) {
    return catalog.values().stream()
        .filter(r -> service.isEmpty() || r.services().contains(service.get()))
        .toList();
  }

  public Runbook get(RunbookId id) {
    Runbook runbook = catalog.get(id);
    if (runbook == null) {
      throw Problem.notFound("no runbook '" + id + "'" + (catalog.isEmpty() ? " (none are loaded)"
          : "; known: " + String.join(", ", catalog.keySet().stream().map(RunbookId::value).toList())));
    }
    return runbook;
  }

  /**
   * The runbooks linked to an incident: those listing its service, and the one its alert names in
   * its details ({@code runbook}, or {@code custom_details.runbook}) if that one exists.
   */
  public List<RunbookId> linkedTo(Incident incident) {
    Set<RunbookId> ids = new LinkedHashSet<>();
    for (String named : namedInDetails(incident.details())) {
      RunbookId id = new RunbookId(named.strip());
      if (catalog.containsKey(id)) {
        ids.add(id);
      }
    }
    list(Optional.of(incident.service())).forEach(r -> ids.add(r.id()));
    return List.copyOf(ids);
  }

  private static List<String> namedInDetails(Map<String, Object> details) {
    List<String> names = new ArrayList<>();
    for (Object value : new Object[] {details.get("runbook"),
        details.get("custom_details") instanceof Map<?, ?> m ? m.get("runbook") : null}) {
      if (value instanceof String s) {
        for (String part : s.split(",")) {
          if (!part.isBlank()) {
            names.add(part.strip());
          }
        }
      }
    }
    return names;
  }

  // --- what people do -----------------------------------------------------------------------------

  public RunbookRun start(User requester, String via, RunbookId id, Optional<IncidentId> incident,
      Map<String, String> given) {
    Runbook runbook = get(id);
    Optional<Incident> on = incident.map(incidents::get);
    Map<String, String> parameters = parameters(runbook, on, given);
    requireEngine();
    Actor actor = Actor.user(requester.id().value(), via);
    RunbookRun run = transactions.inTransaction(() -> {
      Instant now = clock.instant();
      RunbookRun created = runs.create(id, incident, requester.id(), parameters, now);
      audit.record(now, actor, "runbook.run.started", target(created.id()),
          runbook.id() + describe(parameters) + incident.map(i -> " on incident " + i).orElse(""));
      timeline(created, actor, "▶ Runbook " + runbook.id() + " (run #" + created.id() + ") started by "
          + requester.name() + describe(parameters));
      return created;
    });
    try {
      engine.start(run);
    } catch (RuntimeException e) {
      stepFailed(run.id(), "start", "could not start: " + e.getMessage(), false);
    }
    return get(run.id());
  }

  private Map<String, String> parameters(Runbook runbook, Optional<Incident> incident,
      Map<String, String> given) {
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : given.entrySet()) {
      String name = e.getKey();
      if (!PARAMETER.matcher(name).matches() || RESERVED.contains(name)) {
        throw Problem.invalid("parameters", "'" + name + "' cannot be a parameter name");
      }
      if (!runbook.parameters().containsKey(name)) {
        throw Problem.invalid("parameters", "runbook " + runbook.id() + " has no parameter '" + name
            + "'" + (runbook.parameters().isEmpty() ? " (it takes none)"
                : "; it takes " + String.join(", ", runbook.parameters().keySet())));
      }
      result.put(name, e.getValue());
    }
    List<String> missing = new ArrayList<>();
    for (Map.Entry<String, String> p : runbook.parameters().entrySet()) {
      if (result.containsKey(p.getKey())) {
        continue;
      }
      if (p.getKey().equals("service") && incident.isPresent()) {
        result.put("service", incident.get().service().value());
      } else if (p.getValue() != null) {
        result.put(p.getKey(), p.getValue());
      } else {
        missing.add(p.getKey());
      }
    }
    if (!missing.isEmpty()) {
      throw Problem.invalid("parameters", "runbook " + runbook.id() + " needs "
          + String.join(", ", missing.stream().map(m -> m + "=…").toList()));
    }
    return result;
  }

  public RunbookRun approve(User approver, String via, RunId id) {
    Actor actor = Actor.user(approver.id().value(), via);
    RunbookRun waiting = get(id);
    RunbookRun run = transactions.inTransaction(() -> {
      RunbookRun current = get(id);
      if (current.status() != RunStatus.WAITING_APPROVAL) {
        throw Problem.conflict("run #" + id + " is not waiting for an approval (it is "
            + current.status().label() + ")");
      }
      Instant now = clock.instant();
      Role needed = current.approverRole().orElse(settings.approverRole());
      if (current.requester().equals(approver.id())) {
        audit.record(now, actor, "runbook.approval.refused", target(id),
            "the requester cannot approve their own run");
        timeline(current, actor, "⛔ " + approver.name() + " cannot approve run #" + id
            + ": they started it, and a different person must approve (four-eyes)");
        return null;
      }
      if (!approver.role().includes(needed)) {
        audit.record(now, actor, "runbook.approval.refused", target(id),
            "role " + approver.role().label() + " < " + needed.label());
        return null;
      }
      RunbookRun running = current.running();
      runs.update(running);
      audit.record(now, actor, "runbook.approved", target(id),
          current.step().orElse("") + ": " + current.detail().orElse(""));
      timeline(current, actor, "✅ Run #" + id + " approved by " + approver.name());
      return running;
    });
    if (run == null) {
      RunbookRun current = get(id);
      Role needed = current.approverRole().orElse(settings.approverRole());
      if (current.requester().equals(approver.id())) {
        throw Problem.forbidden("you started run #" + id + ", so someone else must approve it"
            + " (four-eyes); ask another " + needed.label());
      }
      throw Problem.forbidden("approving run #" + id + " needs the " + needed.label() + " role; "
          + approver.name() + " is a " + approver.role().label());
    }
    goOn(waiting, run, Map.of("approved", true, "approver", approver.id().value()));
    return get(id);
  }

  public RunbookRun deny(User approver, String via, RunId id, String reason) {
    Actor actor = Actor.user(approver.id().value(), via);
    RunbookRun run = transactions.inTransaction(() -> {
      RunbookRun current = get(id);
      if (current.status() != RunStatus.WAITING_APPROVAL) {
        throw Problem.conflict("run #" + id + " is not waiting for an approval (it is "
            + current.status().label() + ")");
      }
      Role needed = current.approverRole().orElse(settings.approverRole());
      if (!approver.role().includes(needed) && !current.requester().equals(approver.id())) {
        throw Problem.forbidden("denying run #" + id + " needs the " + needed.label() + " role");
      }
      Instant now = clock.instant();
      String why = reason == null || reason.isBlank() ? "" : ": " + reason.strip();
      RunbookRun denied = current.ended(RunStatus.CANCELLED,
          Optional.of("denied by " + approver.name() + why), now);
      runs.update(denied);
      audit.record(now, actor, "runbook.denied", target(id), why);
      timeline(current, actor, "🚫 Run #" + id + " denied by " + approver.name() + why
          + "; the run stops here");
      return denied;
    });
    engine.cancel(run, "denied");
    return run;
  }

  public RunbookRun answer(User user, String via, RunId id, String choice) {
    Actor actor = Actor.user(user.id().value(), via);
    RunbookRun waiting = get(id);
    RunbookRun run = transactions.inTransaction(() -> {
      RunbookRun current = get(id);
      if (current.status() != RunStatus.WAITING_INPUT) {
        throw Problem.conflict("run #" + id + " is not waiting for an answer (it is "
            + current.status().label() + ")");
      }
      String picked = current.choices().stream().filter(c -> c.equalsIgnoreCase(choice.strip()))
          .findFirst().orElse(current.choices().isEmpty() ? choice.strip() : null);
      if (picked == null) {
        throw Problem.invalid("choice", "'" + choice + "' is not one of "
            + String.join(", ", current.choices()));
      }
      Instant now = clock.instant();
      RunbookRun running = current.running();
      runs.update(running);
      audit.record(now, actor, "runbook.answered", target(id), picked);
      timeline(current, actor, "💬 " + user.name() + " answered '" + picked + "' for run #" + id);
      return new RunbookRun(running.id(), running.runbook(), running.incident(),
          running.requester(), running.status(), running.step(), Optional.of(picked),
          List.of(), Optional.empty(), running.parameters(), running.startedAt(), Optional.empty());
    });
    goOn(waiting, run, Map.of("answer", run.detail().orElseThrow(),
        "answeredBy", user.id().value()));
    return get(id);
  }

  /**
   * Completes the waiting step in the engine. If that fails (another approver was faster, the
   * engine is down), the run is put back as it waited and the person sees a conflict.
   */
  private void goOn(RunbookRun waiting, RunbookRun run, Map<String, Object> variables) {
    try {
      engine.completeWaitingStep(run, variables);
    } catch (RuntimeException e) {
      transactions.inTransaction(() -> {
        runs.update(waiting);
        return null;
      });
      throw Problem.conflict("run #" + run.id() + " could not continue (" + e.getMessage()
          + "); see 'runbook show-run " + run.id() + "'");
    }
  }

  public RunbookRun retry(User user, String via, RunId id) {
    Actor actor = Actor.user(user.id().value(), via);
    RunbookRun before = transactions.inTransaction(() -> {
      RunbookRun current = get(id);
      if (current.status() != RunStatus.FAILED) {
        throw Problem.conflict("run #" + id + " has not failed (it is " + current.status().label()
            + "); only a failed run can be retried");
      }
      Instant now = clock.instant();
      runs.update(current.running());
      String step = current.step().orElse("?");
      audit.record(now, actor, "runbook.retried", target(id), step);
      timeline(current, actor, "🔁 " + user.name() + " retries run #" + id + " from step '"
          + get(current.runbook()).stepName(step) + "'");
      return current;
    });
    if (!engine.retryFailedStep(before)) {
      transactions.inTransaction(() -> {
        runs.update(before);
        return null;
      });
      throw Problem.conflict("run #" + id + " has no failed step the engine can run again");
    }
    return get(id);
  }

  public RunbookRun cancel(User user, String via, RunId id) {
    Actor actor = Actor.user(user.id().value(), via);
    RunbookRun run = transactions.inTransaction(() -> {
      RunbookRun current = get(id);
      if (current.status().isOver()) {
        throw Problem.conflict("run #" + id + " is already " + current.status().label());
      }
      Instant now = clock.instant();
      RunbookRun cancelled = current.ended(RunStatus.CANCELLED,
          Optional.of("cancelled by " + user.name()), now);
      runs.update(cancelled);
      audit.record(now, actor, "runbook.cancelled", target(id), "");
      timeline(current, actor, "⏹ Run #" + id + " cancelled by " + user.name());
      return cancelled;
    });
    engine.cancel(run, "cancelled");
    return run;
  }

  public RunbookRun get(RunId id) {
    return runs.find(id).orElseThrow(() -> Problem.notFound("run #" + id + " does not exist"));
  }

  public List<RunbookRun> runs(Optional<IncidentId> incident) {
    incident.ifPresent(incidents::get);
    return runs.list(incident, 50);
  }

  private void requireEngine() {
    if (!engine.isReady()) {
      throw Problem.of(Problem.Kind.CONFLICT, "the runbook engine is " + engine.state()
          + "; try again in a few seconds");
    }
  }

  // --- what steps report (called by the engine adapter) -------------------------------------------

  /** A step's recorded outputs if it already succeeded under {@code key} (a re-delivered job). */
  public Optional<Map<String, String>> replay(RunId id, String key) {
    return runs.succeededStep(id, key);
  }

  /** Whether the run still goes on (it was not cancelled meanwhile). */
  public boolean isActive(RunId id) {
    return runs.find(id).map(r -> !r.status().isOver()).orElse(false);
  }

  public void stepSucceeded(RunId id, String step, String summary, String key,
      Map<String, String> outputs) {
    transactions.inTransaction(() -> {
      RunbookRun run = get(id);
      Instant now = clock.instant();
      Map<String, String> masked = new LinkedHashMap<>();
      outputs.forEach((k, v) -> masked.put(k, secrets.mask(v)));
      runs.recordStep(id, key, step, masked, now);
      String line = secrets.mask(summary);
      audit.record(now, ENGINE, "runbook.step.succeeded", target(id), step + ": " + clip(line, 900));
      timeline(run, ENGINE, "✔ Run #" + id + " step '" + get(run.runbook()).stepName(step) + "': "
          + clip(line, settings.outputLimit()));
      return null;
    });
  }

  public void stepFailed(RunId id, String step, String error, boolean refused) {
    transactions.inTransaction(() -> {
      RunbookRun run = get(id);
      if (run.status().isOver()) {
        return null;
      }
      Instant now = clock.instant();
      String message = clip(secrets.mask(error), settings.outputLimit());
      runs.update(run.failed(step, message));
      audit.record(now, ENGINE, refused ? "runbook.step.refused" : "runbook.step.failed",
          target(id), step + ": " + message);
      timeline(run, ENGINE, "❌ Run #" + id + " failed at step '" + get(run.runbook()).stepName(step)
          + "': " + message + ". Fix the cause, then 'runbook retry " + id
          + "' runs this step again.");
      return null;
    });
  }

  /** The run waits for an approval ({@code choices} empty) or for an answer to a prompt. */
  public void waiting(RunId id, String step, RunStatus status, String question,
      List<String> choices, Optional<Role> role) {
    transactions.inTransaction(() -> {
      RunbookRun run = get(id);
      if (run.status().isOver()) {
        return null;
      }
      Instant now = clock.instant();
      runs.update(run.waiting(status, step, question, choices, role));
      String text;
      if (status == RunStatus.WAITING_APPROVAL) {
        Role needed = role.orElse(settings.approverRole());
        text = "⏸ Run #" + id + " waits for approval: " + question + " — a " + needed.label()
            + " other than " + run.requester().value() + " answers 'runbook approve " + id
            + "' or 'runbook deny " + id + "'";
      } else {
        text = "❓ Run #" + id + " asks: " + question + (choices.isEmpty() ? ""
            : " [" + String.join(" / ", choices) + "]") + " — answer with 'runbook answer " + id
            + " <choice>'";
      }
      audit.record(now, ENGINE, "runbook.waiting", target(id), step + ": " + question);
      timeline(run, ENGINE, text);
      return null;
    });
  }

  /**
   * A notify step: the message goes to the incident's timeline (and so its chat thread); people
   * and destinations in {@code to} ({@code kim}, {@code user:kim}, {@code webhook:ops}) are paged
   * about the incident, once per run and step. Returns how many messages were queued.
   */
  public int announce(RunId id, String step, String message, List<String> to) {
    return transactions.inTransaction(() -> {
      RunbookRun run = get(id);
      audit.record(clock.instant(), ENGINE, "runbook.notified", target(id),
          step + (to.isEmpty() ? "" : " to " + String.join(", ", to)));
      timeline(run, ENGINE, "📣 " + secrets.mask(message)
          + (to.isEmpty() ? "" : " (to " + String.join(", ", to) + ")"));
      if (to.isEmpty() || run.incident().isEmpty()) {
        return 0;
      }
      List<Recipient> recipients = new ArrayList<>();
      for (String t : to) {
        int colon = t.indexOf(':');
        if (colon < 0 || t.startsWith("user:")) {
          recipients.add(new Recipient.User(new UserId(t.substring(colon + 1))));
        } else {
          recipients.add(new Recipient.Destination(t.substring(0, colon), t.substring(colon + 1)));
        }
      }
      return notifier.notify(new NotifyRequest(run.incident().get(), "runbook-" + id + "-" + step,
          0, recipients));
    });
  }

  public void finished(RunId id) {
    transactions.inTransaction(() -> {
      RunbookRun run = get(id);
      if (run.status().isOver()) {
        return null;
      }
      Instant now = clock.instant();
      runs.update(run.ended(RunStatus.SUCCEEDED, Optional.empty(), now));
      audit.record(now, ENGINE, "runbook.run.succeeded", target(id), run.runbook().value());
      timeline(run, ENGINE, "🏁 Run #" + id + " of runbook " + run.runbook() + " finished");
      return null;
    });
  }

  private void timeline(RunbookRun run, Actor actor, String text) {
    run.incident().ifPresent(i -> incidents.note(i, TimelineEntry.Kind.RUNBOOK, actor, text));
  }

  static String target(RunId id) {
    return "runbook-run:" + id;
  }

  private static String describe(Map<String, String> parameters) {
    if (parameters.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(" with ");
    parameters.forEach((k, v) -> out.append(out.length() > 6 ? ", " : "").append(k).append('=')
        .append(v));
    return out.toString();
  }

  /** The first {@code limit} characters on one line-ish, marked when cut. */
  public static String clip(String text, int limit) {
    String t = text == null ? "" : text.strip();
    return t.length() <= limit ? t : t.substring(0, limit) + "… (" + (t.length() - limit)
        + " more characters)";
  }

  /** Parses {@code key=value} words; anything else is a mistake named in the message. */
  public static Map<String, String> parseParameters(List<String> words) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String w : words) {
      int eq = w.indexOf('=');
      if (eq <= 0) {
        throw Problem.invalid("parameters", "'" + w + "' is not key=value");
      }
      out.put(w.substring(0, eq).strip(), w.substring(eq + 1));
    }
    return out;
  }
}
