package dev.clarion.incident;

import dev.clarion.audit.Actor;
import dev.clarion.audit.AuditLog;
import dev.clarion.escalation.WorkflowCommand;
import dev.clarion.escalation.WorkflowCommandStore;
import dev.clarion.problem.Problem;
import dev.clarion.service.Service;
import dev.clarion.service.ServiceDirectory;
import dev.clarion.store.Transactions;
import dev.clarion.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every change to an incident goes through here, so each one lands in a single transaction with its
 * timeline entry, its audit record and the workflow command that tells the escalation engine.
 */
public final class IncidentService {
  private final IncidentStore incidents;
  private final AuditLog audit;
  private final WorkflowCommandStore workflow;
  private final ServiceDirectory services;
  private final Transactions transactions;
  private final Clock clock;
  private final IncidentListener listener;

  public IncidentService(
      IncidentStore incidents,
      AuditLog audit,
      WorkflowCommandStore workflow,
      ServiceDirectory services,
      Transactions transactions,
      Clock clock) {
    this(incidents, audit, workflow, services, transactions, clock, IncidentListener.NONE);
  }

  /** {@code listener} hears every change inside its transaction (the notification outbox). */
  public IncidentService(
      IncidentStore incidents,
      AuditLog audit,
      WorkflowCommandStore workflow,
      ServiceDirectory services,
      Transactions transactions,
      Clock clock,
      IncidentListener listener) {
    this.listener = listener;
    this.incidents = incidents;
    this.audit = audit;
    this.workflow = workflow;
    this.services = services;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Opens an incident. Suppressed incidents are recorded but not handed to escalation. */
  public Incident open(NewIncident request, Actor actor, String reason) {
    Service service =
        services
            .find(request.service())
            .orElseThrow(() -> Problem.invalid("service", "unknown service '" + request.service() + "'"));
    return transactions.inTransaction(
        () -> {
          Instant now = clock.instant();
          Priority priority = Priority.of(request.urgency(), service.impact());
          Incident created = incidents.insert(request, service.impact(), priority, now);
          String message =
              reason + (request.suppressed() ? " (suppressed: maintenance window)" : "");
          incidents.appendTimeline(
              created.id(), now, TimelineEntry.Kind.TRIGGERED, actor.display(), message);
          audit.record(now, actor, "incident.open", target(created.id()), created.summary());
          if (!request.suppressed()) {
            workflow.append(created.id(), WorkflowCommand.Kind.START, now);
            listener.changed(created, IncidentListener.Change.OPENED, now);
          }
          return created;
        });
  }

  /** A repeat of the alert that opened the incident: count it, note it, re-trigger if acked. */
  public Incident absorb(Incident open, Actor actor, String summary) {
    return transactions.inTransaction(
        () -> {
          Instant now = clock.instant();
          Incident updated = open.absorbing(now);
          incidents.update(updated);
          incidents.appendTimeline(
              open.id(), now, TimelineEntry.Kind.ALERT, actor.display(),
              "alert #" + updated.alertCount() + ": " + summary);
          return updated;
        });
  }

  public Incident acknowledge(IncidentId id, Actor actor) {
    return transactions.inTransaction(
        () -> {
          Incident current = require(id);
          if (current.status() == IncidentStatus.RESOLVED) {
            throw Problem.conflict("incident " + id + " is already resolved");
          }
          if (current.status() == IncidentStatus.ACKNOWLEDGED) {
            throw Problem.conflict("incident " + id + " is already acknowledged");
          }
          return transition(current, IncidentStatus.ACKNOWLEDGED, actor, WorkflowCommand.Kind.ACKNOWLEDGED);
        });
  }

  public Incident resolve(IncidentId id, Actor actor) {
    return transactions.inTransaction(
        () -> {
          Incident current = require(id);
          if (current.status() == IncidentStatus.RESOLVED) {
            throw Problem.conflict("incident " + id + " is already resolved");
          }
          return transition(current, IncidentStatus.RESOLVED, actor, WorkflowCommand.Kind.RESOLVED);
        });
  }

  public TimelineEntry comment(IncidentId id, Actor actor, String text) {
    if (text == null || text.isBlank()) {
      throw Problem.invalid("text", "a comment needs some text");
    }
    if (text.length() > 4000) {
      throw Problem.invalid("text", "a comment is limited to 4000 characters, got " + text.length());
    }
    return transactions.inTransaction(
        () -> {
          require(id);
          Instant now = clock.instant();
          incidents.appendTimeline(id, now, TimelineEntry.Kind.COMMENT, actor.display(), text.strip());
          audit.record(now, actor, "incident.comment", target(id), text.strip());
          List<TimelineEntry> timeline = incidents.timeline(id);
          return timeline.get(timeline.size() - 1);
        });
  }

  /** Sets who owns the incident now. */
  public Incident assign(IncidentId id, List<UserId> assignees, Actor actor) {
    return transactions.inTransaction(
        () -> {
          Incident current = require(id);
          if (!current.status().isOpen()) {
            throw Problem.conflict("incident " + id + " is resolved; reopen it by sending a new alert");
          }
          Instant now = clock.instant();
          Incident updated = current.withAssignees(assignees);
          incidents.update(updated);
          String who = assignees.isEmpty() ? "nobody" : String.join(", ", assignees.stream().map(UserId::value).toList());
          incidents.appendTimeline(id, now, TimelineEntry.Kind.ASSIGNED, actor.display(), "assigned to " + who);
          audit.record(now, actor, "incident.assign", target(id), who);
          workflow.append(id, WorkflowCommand.Kind.REASSIGNED, now);
          listener.changed(updated, IncidentListener.Change.REASSIGNED, now);
          return updated;
        });
  }

  /**
   * Skips the wait of the incident's escalation policy: the engine runs the next step now. Refused
   * when the incident is resolved, acknowledged (escalation has stopped) or suppressed.
   */
  public Incident escalateNow(IncidentId id, Actor actor) {
    return transactions.inTransaction(
        () -> {
          Incident current = require(id);
          if (current.status() != IncidentStatus.TRIGGERED) {
            throw Problem.conflict("incident " + id + " is " + current.status().label()
                + "; only a triggered incident escalates");
          }
          if (current.suppressed()) {
            throw Problem.conflict("incident " + id
                + " is suppressed by a maintenance window; it escalates when the window ends");
          }
          Instant now = clock.instant();
          incidents.appendTimeline(id, now, TimelineEntry.Kind.ESCALATED, actor.display(),
              "next escalation step requested now, skipping the wait");
          audit.record(now, actor, "incident.escalate", target(id), "escalate now");
          workflow.append(id, WorkflowCommand.Kind.ESCALATE_NOW, now);
          return current;
        });
  }

  /**
   * Hands a suppressed, still-open incident to escalation after all (its maintenance window ended
   * and the service's policy says escalate): clears {@code suppressed} and writes the START
   * command it never got. Does nothing to an incident that is resolved or not suppressed.
   */
  public Incident escalateSuppressed(IncidentId id, Actor actor, String reason) {
    return transactions.inTransaction(
        () -> {
          Incident current = require(id);
          if (!current.suppressed() || !current.status().isOpen()) {
            return current;
          }
          Instant now = clock.instant();
          Incident updated = current.unsuppressed();
          incidents.update(updated);
          incidents.appendTimeline(id, now, TimelineEntry.Kind.ESCALATED, actor.display(), reason);
          audit.record(now, actor, "incident.unsuppress", target(id), reason);
          workflow.append(id, WorkflowCommand.Kind.START, now);
          return updated;
        });
  }

  /**
   * Appends an entry other domains write (runbook progress): no status change, no audit record
   * (the caller audits what it did).
   */
  public TimelineEntry note(IncidentId id, TimelineEntry.Kind kind, Actor actor, String text) {
    return transactions.inTransaction(() -> {
      require(id);
      Instant now = clock.instant();
      String message = text.strip();
      incidents.appendTimeline(id, now, kind, actor.display(),
          message.length() > 4000 ? message.substring(0, 3999) + "…" : message);
      List<TimelineEntry> timeline = incidents.timeline(id);
      return timeline.get(timeline.size() - 1);
    });
  }

  public Incident get(IncidentId id) {
    return require(id);
  }

  public List<Incident> list(IncidentFilter filter) {
    return incidents.list(filter);
  }

  public List<TimelineEntry> timeline(IncidentId id) {
    require(id);
    return incidents.timeline(id);
  }

  private Incident transition(
      Incident current, IncidentStatus to, Actor actor, WorkflowCommand.Kind command) {
    Instant now = clock.instant();
    Incident updated = current.withStatus(to, now);
    if (to == IncidentStatus.ACKNOWLEDGED && actor.kind() == Actor.Kind.USER
        && !current.assignees().contains(new UserId(actor.id()))) {
      List<UserId> assignees = new ArrayList<>(current.assignees());
      assignees.add(new UserId(actor.id()));
      updated = updated.withAssignees(assignees);
    }
    incidents.update(updated);
    TimelineEntry.Kind kind =
        to == IncidentStatus.ACKNOWLEDGED ? TimelineEntry.Kind.ACKNOWLEDGED : TimelineEntry.Kind.RESOLVED;
    incidents.appendTimeline(current.id(), now, kind, actor.display(), kind.label() + " by " + actor.id());
    audit.record(now, actor, "incident." + kind.label(), target(current.id()), current.summary());
    if (!current.suppressed()) {
      workflow.append(current.id(), command, now);
      listener.changed(updated, to == IncidentStatus.ACKNOWLEDGED
          ? IncidentListener.Change.ACKNOWLEDGED : IncidentListener.Change.RESOLVED, now);
    }
    return updated;
  }

  private Incident require(IncidentId id) {
    return incidents.find(id).orElseThrow(() -> Problem.notFound("incident " + id + " does not exist"));
  }

  private static String target(IncidentId id) {
    return "incident:" + id;
  }
}
