package dev.clarion.app;

import dev.clarion.alert.AlertProcessor;
import dev.clarion.alert.IngestQuota;
import dev.clarion.alert.IngestWriter;
import dev.clarion.command.CommandCatalog;
import dev.clarion.config.ClarionConfig;
import dev.clarion.config.ConfiguredDirectory;
import dev.clarion.escalation.Escalations;
import dev.clarion.escalation.WorkflowCommandRelay;
import dev.clarion.http.HttpServer;
import dev.clarion.http.HttpSettings;
import dev.clarion.http.IngestMetrics;
import dev.clarion.http.ingest.WireFormats;
import dev.clarion.incident.IncidentService;
import dev.clarion.routing.Router;
import dev.clarion.store.jdbc.Database;
import dev.clarion.store.jdbc.JdbiAlertStore;
import dev.clarion.store.jdbc.JdbiAuditLog;
import dev.clarion.store.jdbc.JdbiIncidentStore;
import dev.clarion.store.jdbc.JdbiTokenStore;
import dev.clarion.store.jdbc.JdbiWorkflowCommandStore;
import dev.clarion.user.TokenService;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
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
  private final Delivery delivery;

  private ClarionServer(ClarionConfig config, Database database, IngestWriter writer,
      ScheduledExecutorService relayThread, HttpServer http, TokenService tokens,
      CommandCatalog catalog, IncidentService incidents, Delivery delivery) {
    this.delivery = delivery;
    this.config = config;
    this.database = database;
    this.writer = writer;
    this.relayThread = relayThread;
    this.http = http;
    this.tokens = tokens;
    this.catalog = catalog;
    this.incidents = incidents;
  }

  public static ClarionServer start(ClarionConfig config, Clock clock) {
    return start(config, clock, java.util.List.of());
  }

  /**
   * Starts with {@code channels} in addition to the plugins found in the plugins directory and on
   * the class path (tests hand in instances they want to observe).
   */
  public static ClarionServer start(ClarionConfig config, Clock clock,
      java.util.List<dev.clarion.api.ChannelPlugin> channels) {
    Database db = openDatabase(config);
    ConfiguredDirectory directory = new ConfiguredDirectory(config);
    JdbiIncidentStore incidentStore = new JdbiIncidentStore(db);
    JdbiAuditLog audit = new JdbiAuditLog(db);
    JdbiWorkflowCommandStore outbox = new JdbiWorkflowCommandStore(db);
    Delivery delivery = new Delivery(config, db, directory.services(), directory.users(),
        incidentStore, clock);
    IncidentService incidents = new IncidentService(incidentStore, audit, outbox,
        directory.services(), db, clock, delivery.listener());
    TokenService tokens = new TokenService(new JdbiTokenStore(db), directory.users(), audit, db, clock);
    CommandCatalog catalog = new CommandCatalog(incidents, audit, clock);
    delivery.startPlugins(catalog, directory.users(), channels);
    IngestMetrics metrics = new IngestMetrics();

    AlertProcessor processor = new AlertProcessor(directory.integrations(), incidents, incidentStore,
        new JdbiAlertStore(db), new Router(), service -> false, clock);
    IngestWriter writer = new IngestWriter(processor, db, config.ingest().queueCapacity(),
        config.ingest().maxBatch(), metrics::batch).start();
    metrics.gauge("clarion_ingest_queue_requests", "Requests waiting for the ingest writer", writer::queued);

    Escalations escalations = Escalations.NONE;
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
              () -> readiness(db, writer, escalations), clock),
          routes -> delivery.routes(routes, tokens, incidents));
    } catch (RuntimeException e) {
      relayThread.shutdownNow();
      delivery.close();
      writer.close();
      db.close();
      throw e;
    }
    delivery.publicUrl(config.server().publicUrlFor(http.port()));
    delivery.startWorker();
    return new ClarionServer(config, db, writer, relayThread, http, tokens, catalog, incidents,
        delivery);
  }

  private static Database openDatabase(ClarionConfig config) {
    var settings = config.database();
    return Database.open(settings.url(), settings.user(), settings.password(), settings.poolSize());
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

  /** Stops accepting, commits what was queued, stops the relay, closes the database. */
  @Override
  public void close() {
    http.close();
    writer.close();
    delivery.close();
    relayThread.shutdown();
    try {
      relayThread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    database.close();
  }
}
