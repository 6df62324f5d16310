package dev.clarion.plugin;

import dev.clarion.api.ChannelContext;
import dev.clarion.api.Commands;
import dev.clarion.api.HttpRoutes;
import dev.clarion.api.ServiceInfo;
import dev.clarion.api.Templates;
import dev.clarion.command.CommandCatalog;
import dev.clarion.command.Invoker;
import dev.clarion.command.Reply;
import dev.clarion.service.ServiceDirectory;
import dev.clarion.user.UserDirectory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  public HostContext(String pluginId, Map<String, Object> config, CommandCatalog catalog,
      UserDirectory users, ServiceDirectory services, Templates templates, Clock clock,
      List<Route> routes) {
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
    return (identity, line) -> users.findByChatIdentity(pluginId, identity)
        .map(user -> result(catalog.run(new Invoker(user, pluginId), line)))
        .orElseGet(() -> new Commands.Result(false, "unauthenticated",
            "this " + pluginId + " account is not linked to a Clarion user"));
  }

  /** Plain text for chat; {@code shared} follows {@link Reply#sharedChange()}. */
  static Commands.Result result(Reply reply) {
    if (reply instanceof Reply.ErrorReply e) {
      String text = e.message() + e.usage().map(u -> " (usage: " + u + ")").orElse("");
      return new Commands.Result(false, e.kind().name().toLowerCase(), text, false);
    }
    if (reply instanceof Reply.IncidentReply r) {
      return new Commands.Result(true, "ok", r.headline(), r.sharedChange());
    }
    if (reply instanceof Reply.IncidentListReply l) {
      StringBuilder text = new StringBuilder(l.title());
      l.incidents().forEach(i -> text.append("\n#").append(i.id().value()).append(" [")
          .append(i.status().label()).append("] ").append(i.summary()));
      return new Commands.Result(true, "ok", text.toString(), false);
    }
    if (reply instanceof Reply.HelpReply h) {
      StringBuilder text = new StringBuilder();
      h.detail().ifPresentOrElse(
          d -> text.append(d.usage()).append(" - ").append(d.summary()),
          () -> h.commands().forEach(c -> text.append(text.length() == 0 ? "" : "\n")
              .append(c.usage()).append(" - ").append(c.summary())));
      return new Commands.Result(true, "ok", text.toString(), false);
    }
    return new Commands.Result(true, "ok", reply.getClass().getSimpleName(), reply.sharedChange());
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
