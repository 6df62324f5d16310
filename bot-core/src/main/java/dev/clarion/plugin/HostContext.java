package dev.clarion.plugin;

import dev.clarion.api.ChannelContext;
import dev.clarion.api.Commands;
import dev.clarion.api.HttpRoutes;
import dev.clarion.api.IdentityResolver;
import dev.clarion.api.ServiceInfo;
import dev.clarion.api.Templates;
import dev.clarion.command.CommandCatalog;
import dev.clarion.command.CommandSpec;
import dev.clarion.command.Invoker;
import dev.clarion.service.ServiceDirectory;
import dev.clarion.user.ChatLinks;
import dev.clarion.user.UserDirectory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The {@link ChannelContext} one plugin gets. Routes are collected and mounted by the HTTP server. */
public final class HostContext implements ChannelContext {
  /** A route a plugin asked for, mounted at {@code /channels/<plugin>/<path>}. */
  public record Route(String method, String path, HttpRoutes.Handler handler) {}

  private final String pluginId;
  private final Map<String, Object> config;
  private final CommandCatalog catalog;
  private final UserDirectory users;
  private final ServiceDirectory services;
  private final Templates templates;
  private final Clock clock;
  private final List<Route> routes;
  private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
  private volatile IdentityResolver resolver;
  private final Optional<ChatLinks> links;

  public HostContext(String pluginId, Map<String, Object> config, CommandCatalog catalog,
      UserDirectory users, ServiceDirectory services, Templates templates, Clock clock,
      List<Route> routes) {
    this(pluginId, config, catalog, users, services, templates, clock, routes, Optional.empty());
  }

  /** @param links the one-time link flow behind {@link Commands#link}, when the server has it */
  public HostContext(String pluginId, Map<String, Object> config, CommandCatalog catalog,
      UserDirectory users, ServiceDirectory services, Templates templates, Clock clock,
      List<Route> routes, Optional<ChatLinks> links) {
    this.links = links;
    this.pluginId = pluginId;
    this.config = Map.copyOf(config);
    this.catalog = catalog;
    this.users = users;
    this.services = services;
    this.templates = templates;
    this.clock = clock;
    this.routes = routes;
  }

  @Override
  public Map<String, Object> config() {
    return config;
  }

  @Override
  public HttpRoutes routes() {
    String prefix = "/channels/" + pluginId;
    return new HttpRoutes() {
      @Override
      public void post(String path, Handler handler) {
        routes.add(new Route("POST", prefix + path, handler));
      }

      @Override
      public void get(String path, Handler handler) {
        routes.add(new Route("GET", prefix + path, handler));
      }
    };
  }

  @Override
  public Commands commands() {
    return new Commands() {
      @Override
      public Commands.Result run(String identity, String line) {
        Optional<Invoker> invoker = users.findByChatIdentity(pluginId, identity)
            .map(user -> new Invoker(user, pluginId))
            .or(() -> byEmail(identity));
        return invoker
            .map(i -> ChatReplies.result(catalog.run(i, line), i.user().timeZone()))
            .orElseGet(() -> new Commands.Result(false, "unauthenticated",
                "this " + pluginId + " account is not linked to a Clarion user"));
      }

      @Override
      public Commands.Result link(String identity, String code) {
        if (links.isEmpty()) {
          return Commands.super.link(identity, code);
        }
        ChatLinks.Outcome outcome = links.get().link(pluginId, identity, code);
        return new Commands.Result(outcome.linked(), outcome.linked() ? "ok" : "invalid",
            outcome.message());
      }

      @Override
      public List<Commands.CommandInfo> catalogue() {
        return catalog.commands().stream().map(HostContext::info).toList();
      }
    };
  }

  @Override
  public void identities(IdentityResolver resolver) {
    this.resolver = resolver;
  }

  /**
   * The Clarion user whose {@code email:} the platform verified for {@code identity}; audited as
   * {@code user:<id> via <plugin> <identity> (e-mail)} so the record shows which chat account acted.
   */
  private Optional<Invoker> byEmail(String identity) {
    IdentityResolver r = resolver;
    if (r == null) {
      return Optional.empty();
    }
    return r.verifiedEmail(identity).flatMap(email -> users.all().stream()
            .filter(u -> u.email() != null && u.email().equalsIgnoreCase(email.strip()))
            .findFirst())
        .map(user -> new Invoker(user, pluginId + " " + identity + " (e-mail)"));
  }

  private static Commands.CommandInfo info(CommandSpec spec) {
    return new Commands.CommandInfo(spec.name(), spec.aliases(), spec.summary(), spec.usage(),
        spec.arguments().stream()
            .map(a -> new Commands.ArgumentInfo(
                a.name(), a.type().name().toLowerCase(Locale.ROOT), a.required(), a.help()))
            .toList());
  }

  /** Read from the directory on each call, so a plugin never holds a stale copy. */
  @Override
  public List<ServiceInfo> services() {
    return services.all().stream()
        .map(s -> new ServiceInfo(s.id().value(), s.name()))
        .toList();
  }

  @Override
  public Templates templates() {
    return templates;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public void count(String name) {
    counters.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
  }

  public Map<String, Long> counts() {
    Map<String, Long> copy = new java.util.TreeMap<>();
    counters.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  static List<Route> newRouteList() {
    return new ArrayList<>();
  }
}
