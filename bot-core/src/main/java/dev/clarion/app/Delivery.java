package dev.clarion.app;

import dev.clarion.api.ChannelPlugin;
import dev.clarion.api.DeliveryResult;
import dev.clarion.api.Outgoing;
import dev.clarion.api.Templates;
import dev.clarion.command.CommandCatalog;
import dev.clarion.config.ClarionConfig;
import dev.clarion.config.SlackSettings;
import dev.clarion.config.WebhookSettings;
import dev.clarion.http.NotificationRoutes;
import dev.clarion.incident.IncidentListener;
import dev.clarion.incident.IncidentService;
import dev.clarion.incident.IncidentStore;
import dev.clarion.incident.ObservedIncidentStore;
import dev.clarion.notification.ChannelRegistry;
import dev.clarion.notification.DeliveryPolicy;
import dev.clarion.notification.DeliveryWorker;
import dev.clarion.notification.LinkActions;
import dev.clarion.notification.MessageFields;
import dev.clarion.notification.NotificationEvent;
import dev.clarion.notification.OutboxNotifier;
import dev.clarion.notification.SignedLinks;
import dev.clarion.notification.Subscription;
import dev.clarion.notification.SubscriptionNotifications;
import dev.clarion.notification.ThreadNotifications;
import dev.clarion.plugin.HostContext;
import dev.clarion.plugin.LoadedPlugin;
import dev.clarion.plugin.PluginHost;
import dev.clarion.problem.Problem;
import dev.clarion.service.ServiceDirectory;
import dev.clarion.store.jdbc.Database;
import dev.clarion.store.jdbc.JdbiNotificationStore;
import dev.clarion.template.FreemarkerTemplates;
import dev.clarion.user.UserDirectory;
import io.javalin.config.RoutesConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of the notification feature: templates, signed links, the outbox notifier and its incident
 * listener, the plugin host, the delivery worker and the HTTP routes. Built in two steps because the
 * incident service needs the listener before the command catalogue (which plugins use) exists.
 */
final class Delivery implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Delivery.class);
  /** How often the worker looks for due rows; bounds the added latency of a new page. */
  static final long POLL_MILLIS = 10;

  private final ClarionConfig config;
  private final Clock clock;
  private final JdbiNotificationStore store;
  private final IncidentStore incidents;
  private final Database db;
  private final ServiceDirectory services;
  private final FreemarkerTemplates templates;
  private final SignedLinks links;
  private final AtomicReference<URI> publicUrl = new AtomicReference<>(URI.create("http://127.0.0.1"));
  private final List<ChannelPlugin> loaded = new CopyOnWriteArrayList<>();
  private final MessageFields fields;
  private final OutboxNotifier notifier;
  private final SubscriptionNotifications listener;
  private final List<HostContext.Route> pluginRoutes = new ArrayList<>();
  private final dev.clarion.http.DemoInbox inbox = new dev.clarion.http.DemoInbox();
  private PluginHost host;
  private ScheduledExecutorService scheduler;
  private ExecutorService senders;

  Delivery(ClarionConfig config, Database db, ServiceDirectory services, UserDirectory users,
      IncidentStore incidents, Clock clock, dev.clarion.escalation.EscalationOutlook outlook) {
    this.config = config;
    this.clock = clock;
    this.db = db;
    this.services = services;
    this.incidents = incidents;
    this.store = new JdbiNotificationStore(db);
    this.templates = new FreemarkerTemplates(Optional.of(config.channels().templatesDir()));
    byte[] secret = config.channels().linkSecret()
        .map(s -> s.getBytes(StandardCharsets.UTF_8))
        .orElseGet(() -> {
          log.warn("channels.link_secret is not set: one-click links stop working on restart");
          byte[] random = new byte[32];
          new SecureRandom().nextBytes(random);
          return random;
        });
    this.links = new SignedLinks(secret, config.channels().linkTtl(), clock);
    this.fields = new MessageFields(services, links, publicUrl::get, outlook);
    ChannelRegistry registry = new ChannelRegistry() {
      @Override
      public Optional<ChannelPlugin> channel(String id) {
        return loaded.stream().filter(p -> p.id().equals(id)).findFirst();
      }

      @Override
      public List<ChannelPlugin> all() {
        return List.copyOf(loaded);
      }
    };
    this.notifier = new OutboxNotifier(store, incidents, users, registry, fields, db, clock);
    this.listener = new SubscriptionNotifications(subscriptions(config), notifier);
    this.registry = registry;
  }

  private final ChannelRegistry registry;

  IncidentListener listener() {
    return listener;
  }

  /**
   * {@code incidents} wrapped so that every timeline entry, whoever appends it, is also posted in
   * the threads of the incident's messages on channels that have threads.
   */
  IncidentStore threaded(IncidentStore incidents) {
    return new ObservedIncidentStore(incidents,
        new ThreadNotifications(store, this.incidents, registry, fields));
  }

  OutboxNotifier notifier() {
    return notifier;
  }

  /** Loads and starts plugins ({@code extra}: instances given by tests, before discovery). */
  void startPlugins(CommandCatalog catalog, UserDirectory users, List<ChannelPlugin> extra) {
    startPlugins(catalog, users, extra, Optional.empty());
  }

  /** @param links the one-time chat link flow plugins reach through {@code Commands.link} */
  void startPlugins(CommandCatalog catalog, UserDirectory users, List<ChannelPlugin> extra,
      Optional<dev.clarion.user.ChatLinks> links) {
    host = PluginHost.load(Optional.of(config.channels().pluginsDir()),
        Delivery.class.getClassLoader(),
        id -> new HostContext(id, pluginConfig(id), catalog, users, services, templates,
            clock, pluginRoutes, links));
    for (ChannelPlugin p : extra) {
      p.start(new HostContext(p.id(), pluginConfig(p.id()), catalog, users, services,
          templates, clock, pluginRoutes, links));
      loaded.add(p);
    }
    for (ChannelPlugin p : host.channels()) {
      if (loaded.stream().noneMatch(l -> l.id().equals(p.id()))) {
        loaded.add(p);
      }
    }
  }

  void startWorker() {
    senders = Executors.newFixedThreadPool(4, daemon("delivery-send"));
    scheduler = Executors.newSingleThreadScheduledExecutor(daemon("delivery-worker"));
    DeliveryWorker worker = new DeliveryWorker(store, incidents, registry,
        new DeliveryPolicy(config.channels().maxAttempts(), Duration.ofSeconds(1),
            Duration.ofMinutes(5)),
        db, clock, new Random(), senders, Duration.ofMinutes(2));
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        while (worker.runOnce() > 0) {
          // keep going while rows are due and within limits
        }
      } catch (RuntimeException e) {
        log.warn("delivery pass failed: {}", e.toString());
      }
    }, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Fills the {@code RUNBOOKS} message field. */
  void linkRunbooks(java.util.function.Function<dev.clarion.incident.Incident, List<String>> linked) {
    fields.linkRunbooks(linked);
  }

  void publicUrl(URI url) {
    publicUrl.set(url);
  }

  List<LoadedPlugin> plugins() {
    List<LoadedPlugin> all = new ArrayList<>(host == null ? List.of() : host.report());
    for (ChannelPlugin p : loaded) {
      if (all.stream().noneMatch(r -> r.id().equals(p.id()))) {
        all.add(new LoadedPlugin(p.id(), "embedded", "dev", p.capabilities(), Optional.empty()));
      }
    }
    return all;
  }

  JdbiNotificationStore store() {
    return store;
  }

  void routes(RoutesConfig routes, dev.clarion.user.TokenService tokens, IncidentService service) {
    new NotificationRoutes(tokens, new LinkActions(links, service), store, this::plugins,
        new NotificationRoutes.Webhooks() {
          @Override
          public String preview(String id) {
            WebhookSettings hook = webhook(id);
            return templates.renderText(id + ".body", hook.body(), sample(hook),
                hook.urlEncode() ? Templates.Escaping.URL : Templates.Escaping.JSON);
          }

          @Override
          public DeliveryResult sendTest(String id) {
            WebhookSettings hook = webhook(id);
            ChannelPlugin plugin = registry.channel("webhook").orElseThrow(
                () -> Problem.of(Problem.Kind.UNAVAILABLE, "the webhook plugin is not loaded"));
            return plugin.deliver(new Outgoing("test:" + id + ":" + clock.millis(), id,
                NotificationEvent.TEST.label(), sample(hook), hook.locale(), hook.zone(),
                Optional.empty()));
          }
        }, pluginRoutes).register(routes);
    if (config.channels().demoInbox()) {
      inbox.register(routes);
    }
  }

  private WebhookSettings webhook(String id) {
    return config.webhooks().stream().filter(w -> w.id().equals(id)).findFirst()
        .orElseThrow(() -> Problem.notFound("no webhook '" + id + "' is configured"));
  }

  /** Fields of a made-up incident, for previews and test sends. */
  Map<String, String> sample(WebhookSettings hook) {
    Map<String, String> f = new LinkedHashMap<>();
    String now = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z")
        .withLocale(hook.locale()).format(clock.instant().atZone(hook.zone()));
    f.put("SERVICE_NAME", "Sample service");
    f.put("INCIDENT_NAME", "Test notification from Clarion: \"CPU > 90%\" on host-1");
    f.put("STATUS", "triggered");
    f.put("CREATE_DATE", now);
    f.put("MODIFY_DATE", now);
    f.put("INCIDENT_URL", publicUrl.get() + "/incidents/0");
    f.put("INCIDENT_ID", "0");
    f.put("URGENCY", "high");
    f.put("PRIORITY", "P1");
    f.put("ASSIGNEE", "");
    f.put("ACK_URL", publicUrl.get() + "/links/test");
    f.put("RESOLVE_URL", publicUrl.get() + "/links/test");
    f.put("DETAILS_JSON", "{}");
    f.put("NEXT_ESCALATION", "");
    f.put("CLARION_URL", publicUrl.get().toString());
    f.put("RUNBOOKS", "");
    return f;
  }

  private Map<String, Object> pluginConfig(String id) {
    if (id.equals("slack")) {
      return config.slack().map(Delivery::slackConfig).orElse(Map.of());
    }
    if (config.chatChannels().containsKey(id)) {
      return Map.copyOf(config.chatChannels().get(id).settings());
    }
    if (!id.equals("webhook")) {
      return Map.of();
    }
    List<Object> hooks = new ArrayList<>();
    for (WebhookSettings w : config.webhooks()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", w.id());
      m.put("url", w.url());
      m.put("method", w.method());
      m.put("headers", w.headers());
      m.put("body", w.body());
      m.put("url_encode", w.urlEncode());
      hooks.add(m);
    }
    return Map.of("webhooks", hooks,
        "global_per_second", config.channels().webhookGlobalPerSecond(),
        "per_destination_per_second", config.channels().webhookPerDestinationPerSecond());
  }

  /** The {@code slack:} section as the plain values the plugin reads. */
  private static Map<String, Object> slackConfig(SlackSettings s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bot_token", s.botToken());
    m.put("signing_secret", s.signingSecret());
    m.put("command", s.command());
    s.apiUrl().ifPresent(url -> m.put("api_url", url));
    s.appToken().ifPresent(token -> m.put("app_token", token));
    m.put("global_per_second", s.globalPerSecond());
    return m;
  }

  private static List<Subscription> subscriptions(ClarionConfig config) {
    List<Subscription> all = new ArrayList<>(config.webhooks().stream()
        .map(w -> new Subscription("webhook", w.id(), java.util.Set.copyOf(w.services()),
            events(w.events()), w.locale(), w.zone()))
        .toList());
    config.slack().ifPresent(s -> s.channels().forEach(c -> all.add(new Subscription("slack",
        c.channel(), java.util.Set.copyOf(c.services()), events(c.events()),
        java.util.Locale.ENGLISH, java.time.ZoneId.of("UTC")))));
    config.chatChannels().values().forEach(section -> section.chats().forEach(chat ->
        all.add(new Subscription(section.channel(), chat.id(),
            java.util.Set.copyOf(chat.services()), events(chat.events()), chat.locale(),
            chat.zone()))));
    return all;
  }

  private static java.util.Set<NotificationEvent> events(java.util.Set<String> labels) {
    return labels.stream().map(e -> NotificationEvent.parse(e).orElseThrow())
        .collect(java.util.stream.Collectors.toSet());
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdown();
      await(scheduler);
    }
    if (senders != null) {
      senders.shutdown();
      await(senders);
    }
    if (host != null) {
      host.close();
    }
    loaded.stream().filter(p -> host == null || !host.channels().contains(p)).forEach(p -> {
      try {
        p.stop();
      } catch (RuntimeException e) {
        log.warn("stopping {} failed: {}", p.id(), e.toString());
      }
    });
  }

  private static void await(ExecutorService executor) {
    try {
      executor.awaitTermination(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
