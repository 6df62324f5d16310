package dev.clarion.app;

import dev.clarion.alert.AlertProcessor;
import dev.clarion.alert.IngestQuota;
import dev.clarion.alert.IngestWriter;
import dev.clarion.command.CommandCatalog;
import dev.clarion.command.EscalationCommands;
import dev.clarion.command.MaintenanceCommands;
import dev.clarion.command.OnCallCommands;
import dev.clarion.command.RunbookCommands;
import dev.clarion.runbook.RunbookId;
import dev.clarion.runbook.Runbooks;
import dev.clarion.store.jdbc.JdbiRunStore;
import dev.clarion.workflow.bpmn.BpmnRunbookEngine;
import dev.clarion.workflow.bpmn.RunbookFiles;
import dev.clarion.maintenance.MaintenanceService;
import dev.clarion.schedule.CalendarFeeds;
import dev.clarion.schedule.HandoffNotices;
import dev.clarion.schedule.Schedule;
import dev.clarion.schedule.ScheduleService;
import dev.clarion.config.ClarionConfig;
import dev.clarion.config.ConfiguredDirectory;
import dev.clarion.escalation.DeferredOutlook;
import dev.clarion.escalation.EscalationSteps;
import dev.clarion.escalation.Escalations;
import dev.clarion.escalation.TimelineNotifier;
import dev.clarion.escalation.WorkflowCommandRelay;
import dev.clarion.http.HttpServer;
import dev.clarion.http.HttpSettings;
import dev.clarion.http.IngestMetrics;
import dev.clarion.http.LinkCodeRoutes;
import dev.clarion.http.ingest.WireFormats;
import dev.clarion.incident.IncidentService;
import dev.clarion.incident.IncidentStore;
import dev.clarion.routing.Router;
import dev.clarion.service.Service;
import dev.clarion.store.jdbc.Database;
import dev.clarion.store.jdbc.JdbiAlertStore;
import dev.clarion.store.jdbc.JdbiAuditLog;
import dev.clarion.store.jdbc.JdbiCalendarFeedStore;
import dev.clarion.store.jdbc.JdbiIncidentStore;
import dev.clarion.store.jdbc.JdbiMaintenanceStore;
import dev.clarion.store.jdbc.JdbiOverrideStore;
import dev.clarion.store.jdbc.JdbiNotificationLog;
import dev.clarion.store.jdbc.JdbiChatLinkStore;
import dev.clarion.store.jdbc.JdbiTokenStore;
import dev.clarion.store.jdbc.JdbiWorkflowCommandStore;
import dev.clarion.user.ChatLinks;
import dev.clarion.user.TokenService;
import dev.clarion.user.UserDirectory;
import dev.clarion.workflow.bpmn.BpmnEscalationEngine;
import dev.clarion.workflow.bpmn.CatalogSimulations;
import dev.clarion.workflow.bpmn.EscalationSimulator;
import dev.clarion.workflow.bpmn.PolicyReloader;
import dev.clarion.workflow.bpmn.PolicyWatcher;
import dev.clarion.http.PolicyRoutes;
import dev.clarion.workflow.bpmn.PolicyCatalog;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
  private final Delivery delivery;
  private final Escalations escalations;
  private Runbooks runbooks;

  private ClarionServer(ClarionConfig config, Database database, IngestWriter writer,
      ScheduledExecutorService relayThread, HttpServer http, TokenService tokens,
      CommandCatalog catalog, IncidentService incidents, Delivery delivery,
      Escalations escalations) {
    this.delivery = delivery;
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
    return start(config, clock, java.util.List.of(), workflowsDirectory());
  }

  /**
   * Where escalation BPMN files live: {@code <clarion.workflows>/escalation}, the system property
   * defaulting to {@code workflows} in the working directory (the repository root for ./clarion).
   */
  public static Path workflowsDirectory() {
    return Path.of(System.getProperty("clarion.workflows", "workflows"), "escalation");
  }

  public static ClarionServer start(ClarionConfig config, Clock clock, Path escalationWorkflows) {
    return start(config, clock, java.util.List.of(), escalationWorkflows);
  }

  /**
   * Starts with {@code channels} in addition to the plugins found in the plugins directory and on
   * the class path (tests hand in instances they want to observe).
   */
  public static ClarionServer start(ClarionConfig config, Clock clock,
      java.util.List<dev.clarion.api.ChannelPlugin> channels) {
    return start(config, clock, channels, workflowsDirectory());
  }

  public static ClarionServer start(ClarionConfig config, Clock clock,
      java.util.List<dev.clarion.api.ChannelPlugin> channels, Path escalationWorkflows) {
    ConfiguredDirectory directory = new ConfiguredDirectory(config);
    // Validated before anything opens: a bad policy fails the start with every reason at once.
    List<PolicyCatalog.Policy> policies =
        PolicyCatalog.load(config.escalationPolicies(), Optional.of(escalationWorkflows),
            directory.services(), directory.users(), directory.teams(),
            config.schedules().stream().map(Schedule::id).collect(Collectors.toSet()),
            config.escalation().calendars().keySet());
    List<RunbookFiles.Loaded> runbookFiles = RunbookFiles.load(config.runbooks().directory(),
        Optional.of(config.services().stream().map(Service::id).collect(Collectors.toSet())));
    boolean needsEngine = !policies.isEmpty() || !runbookFiles.isEmpty();
    Database db = openDatabase(config, needsEngine ? BpmnEscalationEngine.MIN_POOL_SIZE : 0);
    JdbiIncidentStore storedIncidents = new JdbiIncidentStore(db);
    JdbiAuditLog audit = new JdbiAuditLog(db);
    JdbiWorkflowCommandStore outbox = new JdbiWorkflowCommandStore(db);
    // Chat accounts linked with a one-time code count as users' identities next to clarion.yml's.
    ChatLinks chatLinks = new ChatLinks(new JdbiChatLinkStore(db), directory.users(),
        Set.of("slack", "telegram", "discord"), audit, db, clock);
    UserDirectory users = chatLinks.withLinks(directory.users());
    DeferredOutlook outlook = new DeferredOutlook();
    Delivery delivery = new Delivery(config, db, directory.services(), users,
        storedIncidents, clock, outlook);
    IncidentStore incidentStore = delivery.threaded(storedIncidents);
    IncidentService incidents = new IncidentService(incidentStore, audit, outbox,
        directory.services(), db, clock, delivery.listener());
    TokenService tokens = new TokenService(new JdbiTokenStore(db), directory.users(), audit, db, clock);
    CommandCatalog catalog = new CommandCatalog(incidents, audit, clock, outlook);
    IngestMetrics metrics = new IngestMetrics();
    JdbiAlertStore alertStore = new JdbiAlertStore(db);
    ScheduleService schedules = new ScheduleService(config.schedules(), new JdbiOverrideStore(db),
        directory.users(), audit, db, clock, config.onCall().maxOverride());
    MaintenanceService maintenance = new MaintenanceService(new JdbiMaintenanceStore(db),
        directory.services(), directory.integrations(), incidents, alertStore, audit, db, clock,
        config.maintenance());
    OnCallCommands.register(catalog, schedules, directory.users());
    java.util.concurrent.atomic.AtomicReference<List<PolicyCatalog.Policy>> deployed =
        new java.util.concurrent.atomic.AtomicReference<>(policies);
    EscalationCommands.register(catalog, new CatalogSimulations(deployed::get, directory.services(),
        directory.users(), directory.teams(), schedules, config.escalation().calendars(),
        new SecureRandom()), clock);
    if (!policies.isEmpty()) {
      EscalationSimulator.warmUpInBackground(); // chat's 'oncall simulate' must answer in 3 s
    }
    MaintenanceCommands.register(catalog, maintenance);
    HandoffNotices handoffs = new HandoffNotices(schedules, clock);
    Runbooks runbooks = new Runbooks(runbookFiles.stream().map(RunbookFiles.Loaded::runbook).toList(),
        config.runbooks(), new JdbiRunStore(db), incidents, delivery.notifier(), audit, db, clock);
    RunbookCommands.register(catalog, runbooks);
    delivery.linkRunbooks(i -> runbooks.linkedTo(i).stream().map(RunbookId::value).toList());
    // After every command is registered: plugins build their command menus from the catalogue.
    delivery.startPlugins(catalog, users, channels, Optional.of(chatLinks));

    AlertProcessor processor = new AlertProcessor(directory.integrations(), incidents, incidentStore,
        alertStore, new Router(), maintenance::inMaintenance, clock);
    IngestWriter writer = new IngestWriter(processor, db, config.ingest().queueCapacity(),
        config.ingest().maxBatch(), metrics::batch).start();
    metrics.gauge("clarion_ingest_queue_requests", "Requests waiting for the ingest writer", writer::queued);
    metrics.gauge("clarion_notifications_pending", "Notifications waiting in the outbox",
        () -> delivery.store().count(dev.clarion.notification.NotificationStatus.PENDING));
    metrics.gauge("clarion_notifications_dead", "Notifications given up on (dead letters)",
        () -> delivery.store().count(dev.clarion.notification.NotificationStatus.DEAD));

    Escalations escalations =
        !needsEngine
            ? Escalations.NONE
            : BpmnEscalationEngine.start(
                db.dataSource(),
                new EscalationSteps(directory.users(), directory.teams(), schedules,
                    new JdbiNotificationLog(db),
                    new EscalationPages(new TimelineNotifier(incidentStore, clock), delivery.notifier(),
                        delivery.notifier()::escalationStepRan, clock), db,
                    clock, new SecureRandom()),
                policies,
                incident -> incidentStore.find(incident)
                    .flatMap(i -> directory.services().find(i.service()))
                    .flatMap(Service::escalationPolicy),
                true,
                config.escalation().calendars(),
                new EscalationAssignments(incidents),
                BpmnRunbookEngine.beans(runbooks),
                engine -> BpmnRunbookEngine.deploy(engine, runbookFiles));
    if (escalations instanceof BpmnEscalationEngine engine) {
      runbooks.useEngine(BpmnRunbookEngine.on(engine));
      outlook.set(engine.outlook());
    }
    PolicyReloader reloader = new PolicyReloader(
        () -> PolicyCatalog.load(yamlPolicies(config), Optional.of(escalationWorkflows),
            directory.services(), directory.users(), directory.teams(),
            config.schedules().stream().map(Schedule::id).collect(Collectors.toSet()),
            config.escalation().calendars().keySet()),
        () -> escalations instanceof BpmnEscalationEngine e ? Optional.of(e) : Optional.empty(),
        deployed::set);
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
    // Ended maintenance windows get their end policy within a second.
    relayThread.scheduleWithFixedDelay(() -> {
      try {
        maintenance.closeEnded();
      } catch (RuntimeException e) {
        log.warn("maintenance end pass failed: {}", e.toString());
      }
    }, 1, 1, TimeUnit.SECONDS);
    // Handoffs are announced within 30 s; each poll reads every schedule's overrides once.
    relayThread.scheduleWithFixedDelay(() -> {
      try {
        // Channels will announce these; until then the log records every handoff.
        handoffs.poll().forEach(h -> log.info("handoff on {} at {}: {} -> {}", h.schedule(),
            h.at(), h.from().map(Object::toString).orElse("nobody"),
            h.to().map(Object::toString).orElse("nobody")));
      } catch (RuntimeException e) {
        log.warn("handoff pass failed: {}", e.toString());
      }
    }, 30, 30, TimeUnit.SECONDS);

    var server = config.server();
    HttpServer http;
    try {
      http = HttpServer.start(
          new HttpSettings(server.host(), server.port(), server.maxBodyBytes(), server.noopEndpoint()),
          new HttpServer.Collaborators(directory.integrations(), new IngestQuota(clock), writer, WireFormats::forFormat,
              tokens, catalog, incidents, audit, metrics,
              () -> readiness(db, writer, escalations), clock, schedules, maintenance,
              new CalendarFeeds(new JdbiCalendarFeedStore(db), schedules, directory.users(), audit,
                  clock)),
          routes -> {
            delivery.routes(routes, tokens, incidents);
            new LinkCodeRoutes(tokens, chatLinks, server.maxBodyBytes()).register(routes);
            new PolicyRoutes(tokens, reloader).register(routes);
          });
    } catch (RuntimeException e) {
      relayThread.shutdownNow();
      delivery.close();
      closeEngine(escalations);
      writer.close();
      db.close();
      throw e;
    }
    delivery.publicUrl(config.server().publicUrlFor(http.port()));
    delivery.startWorker();
    ClarionServer started = new ClarionServer(config, db, writer, relayThread, http, tokens,
        catalog, incidents, delivery, escalations);
    started.runbooks = runbooks;
    started.policies = reloader;
    if (config.escalation().watch() && escalations instanceof BpmnEscalationEngine
        && java.nio.file.Files.isDirectory(escalationWorkflows)) {
      started.watcher = PolicyWatcher.start(escalationWorkflows, reloader);
    }
    return started;
  }

  /**
   * The YAML policies as clarion.yml holds them now (a deploy picks up edits there too), or as
   * loaded at start when the file cannot be read again.
   */
  private static List<dev.clarion.escalation.EscalationPolicy> yamlPolicies(ClarionConfig config) {
    Path source = config.source();
    if (source == null || !java.nio.file.Files.isRegularFile(source)) {
      return config.escalationPolicies();
    }
    try {
      return dev.clarion.config.ConfigLoader.load(source, System.getenv()).escalationPolicies();
    } catch (dev.clarion.config.ConfigException e) {
      throw new dev.clarion.workflow.bpmn.PolicyException(List.of(e.getMessage()));
    }
  }

  private volatile PolicyWatcher watcher;
  private volatile dev.clarion.escalation.PolicyDeployer policies;

  /** Validates and deploys every escalation policy, as the API and the file watcher do. */
  public dev.clarion.escalation.PolicyDeployer policies() {
    return policies;
  }

  /** The watcher of the workflows directory, if on. */
  public Optional<PolicyWatcher> policyWatcher() {
    return Optional.ofNullable(watcher);
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

  private static Map<String, String> readiness(Database db, IngestWriter writer, Escalations escalations) {
    Map<String, String> parts = new LinkedHashMap<>();
    parts.put("database", db.isReachable() ? "up" : "down");
    parts.put("ingest", writer.isRunning() ? "up" : "down");
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

  /** Runbooks and their runs. */
  public Runbooks runbooks() {
    return runbooks;
  }

  public IncidentService incidents() {
    return incidents;
  }

  /** The loaded and skipped channel plugins. */
  public java.util.List<dev.clarion.plugin.LoadedPlugin> plugins() {
    return delivery.plugins();
  }

  /** The notification outbox, for tests and the CLI. */
  public dev.clarion.notification.NotificationStore notifications() {
    return delivery.store();
  }

  /** The port escalation pages people through. */
  public dev.clarion.notification.Notifier notifier() {
    return delivery.notifier();
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
    if (watcher != null) {
      watcher.close();
    }
    http.close();
    writer.close();
    delivery.close();
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
