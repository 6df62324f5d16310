package dev.clarion.app;

import dev.clarion.alert.AlertProcessor;
import dev.clarion.alert.IngestQuota;
import dev.clarion.alert.IngestWriter;
import dev.clarion.command.CommandCatalog;
import dev.clarion.config.ClarionConfig;
import dev.clarion.config.ConfiguredDirectory;
import dev.clarion.escalation.EscalationSteps;
import dev.clarion.escalation.Escalations;
import dev.clarion.escalation.TimelineNotifier;
import dev.clarion.escalation.WorkflowCommandRelay;
import dev.clarion.http.HttpServer;
import dev.clarion.http.HttpSettings;
import dev.clarion.http.IngestMetrics;
import dev.clarion.http.ingest.WireFormats;
import dev.clarion.incident.IncidentService;
import dev.clarion.routing.Router;
import dev.clarion.service.Service;
import dev.clarion.store.jdbc.Database;
import dev.clarion.store.jdbc.JdbiAlertStore;
import dev.clarion.store.jdbc.JdbiAuditLog;
import dev.clarion.store.jdbc.JdbiIncidentStore;
import dev.clarion.store.jdbc.JdbiNotificationLog;
import dev.clarion.store.jdbc.JdbiTokenStore;
import dev.clarion.store.jdbc.JdbiWorkflowCommandStore;
import dev.clarion.user.TokenService;
import dev.clarion.workflow.bpmn.BpmnEscalationEngine;
import dev.clarion.workflow.bpmn.PolicyCatalog;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running Clarion: open with {@link #start}, stop with {@link #close}. */
public final class ClarionServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClarionServer.class);

  private final ClarionConfig config;
  private final Database database;
  private final IngestWriter writer;
  private final ScheduledExecutorService relayThread;
  private final HttpServer http;
  private final TokenService tokens;
  private final CommandCatalog catalog;
  private final IncidentService incidents;
  private final Escalations escalations;

  private ClarionServer(ClarionConfig config, Database database, IngestWriter writer,
      ScheduledExecutorService relayThread, HttpServer http, TokenService tokens,
      CommandCatalog catalog, IncidentService incidents, Escalations escalations) {
    this.escalations = escalations;
    this.config = config;
    this.database = database;
    this.writer = writer;
    this.relayThread = relayThread;
    this.http = http;
    this.tokens = tokens;
    this.catalog = catalog;
    this.incidents = incidents;
  }

  /** Starts with escalation BPMN files from {@link #workflowsDirectory()}. */
  public static ClarionServer start(ClarionConfig config, Clock clock) {
    return start(config, clock, workflowsDirectory());
  }

  /**
   * Where escalation BPMN files live: {@code <clarion.workflows>/escalation}, the system property
   * defaulting to {@code workflows} in the working directory (the repository root for ./clarion).
   */
  public static Path workflowsDirectory() {
    return Path.of(System.getProperty("clarion.workflows", "workflows"), "escalation");
  }

  public static ClarionServer start(ClarionConfig config, Clock clock, Path escalationWorkflows) {
    ConfiguredDirectory directory = new ConfiguredDirectory(config);
    // Validated before anything opens: a bad policy fails the start with every reason at once.
    List<PolicyCatalog.Policy> policies =
        PolicyCatalog.load(config.escalationPolicies(), Optional.of(escalationWorkflows),
            directory.services(), directory.users(), directory.teams());
    Database db = openDatabase(config, policies.isEmpty() ? 0 : BpmnEscalationEngine.MIN_POOL_SIZE);
    JdbiIncidentStore incidentStore = new JdbiIncidentStore(db);
    JdbiAuditLog audit = new JdbiAuditLog(db);
    JdbiWorkflowCommandStore outbox = new JdbiWorkflowCommandStore(db);
    IncidentService incidents = new IncidentService(incidentStore, audit, outbox, directory.services(), db, clock);
    TokenService tokens = new TokenService(new JdbiTokenStore(db), directory.users(), audit, db, clock);
    CommandCatalog catalog = new CommandCatalog(incidents, audit, clock);
    IngestMetrics metrics = new IngestMetrics();

    AlertProcessor processor = new AlertProcessor(directory.integrations(), incidents, incidentStore,
        new JdbiAlertStore(db), new Router(), service -> false, clock);
    IngestWriter writer = new IngestWriter(processor, db, config.ingest().queueCapacity(),
        config.ingest().maxBatch(), metrics::batch);
    metrics.gauge("clarion_ingest_queue_requests", "Requests waiting for the ingest writer", writer::queued);

    Escalations escalations =
        policies.isEmpty()
            ? Escalations.NONE
            : BpmnEscalationEngine.start(
                db.dataSource(),
                new EscalationSteps(directory.users(), directory.teams(),
                    new JdbiNotificationLog(db), new TimelineNotifier(incidentStore, clock), db,
                    clock, new SecureRandom()),
                policies,
                incident -> incidentStore.find(incident)
                    .flatMap(i -> directory.services().find(i.service()))
                    .flatMap(Service::escalationPolicy),
                true);
    WorkflowCommandRelay relay = new WorkflowCommandRelay(outbox, escalations, db, clock);
    ScheduledExecutorService relayThread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "workflow-relay");
      t.setDaemon(true);
      return t;
    });
    relayThread.scheduleWithFixedDelay(() -> {
      try {
        while (relay.relayOnce(100) == 100) {
          // keep draining while full batches come back
        }
      } catch (RuntimeException e) {
        log.warn("workflow relay pass failed: {}", e.toString());
      }
    }, 200, 200, TimeUnit.MILLISECONDS);

    var server = config.server();
    HttpServer http;
    try {
      http = HttpServer.start(
          new HttpSettings(server.host(), server.port(), server.maxBodyBytes(), server.noopEndpoint()),
          new HttpServer.Collaborators(directory.integrations(), new IngestQuota(clock), writer, WireFormats::forFormat,
              tokens, catalog, incidents, audit, metrics,
              () -> readiness(db, escalations), clock));
    } catch (RuntimeException e) {
      relayThread.shutdownNow();
      closeEngine(escalations);
      writer.close();
      db.close();
      throw e;
    }
    return new ClarionServer(
        config, db, writer, relayThread, http, tokens, catalog, incidents, escalations);
  }

  private static void closeEngine(Escalations escalations) {
    if (escalations instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        log.warn("escalation engine did not close cleanly: {}", e.toString());
      }
    }
  }

  /** Opens the pool with at least {@code minPoolSize} connections (the engine shares it). */
  private static Database openDatabase(ClarionConfig config, int minPoolSize) {
    var settings = config.database();
    return Database.open(settings.url(), settings.user(), settings.password(),
        Math.max(settings.poolSize(), minPoolSize));
  }

  private static Map<String, String> readiness(Database db, Escalations escalations) {
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put("database", db.isReachable() ? "up" : "down");
    parts.put("ingest", "up");
    parts.put("escalation", escalations.state());
    return parts;
  }

  public int port() {
    return http.port();
  }

  public URI publicUrl() {
    return config.server().publicUrlFor(http.port());
  }

  public TokenService tokens() {
    return tokens;
  }

  public CommandCatalog catalog() {
    return catalog;
  }

  public IncidentService incidents() {
    return incidents;
  }

  public Database database() {
    return database;
  }

  /** The escalation engine ({@link Escalations#NONE} when no policy is configured). */
  public Escalations escalations() {
    return escalations;
  }

  /** Stops accepting, commits what was queued, stops the relay, closes the database. */
  @Override
  public void close() {
    http.close();
    writer.close();
    relayThread.shutdown();
    try {
      relayThread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeEngine(escalations);
    database.close();
  }
}
