package dev.clarion.config;

import dev.clarion.alert.AlertFormat;
import dev.clarion.alert.IngestQuota;
import dev.clarion.alert.Integration;
import dev.clarion.alert.IntegrationId;
import dev.clarion.config.YamlMapping.Scalar;
import dev.clarion.escalation.EscalationPolicy;
import dev.clarion.escalation.Target;
import dev.clarion.incident.Level;
import dev.clarion.incident.Urgency;
import dev.clarion.problem.Problem;
import dev.clarion.routing.Condition;
import dev.clarion.routing.Condition.Operator;
import dev.clarion.maintenance.EndPolicy;
import dev.clarion.maintenance.MaintenanceSettings;
import dev.clarion.runbook.RunbookSettings;
import dev.clarion.routing.RoutingRule;
import dev.clarion.schedule.OnCallSettings;
import dev.clarion.schedule.Schedule;
import dev.clarion.schedule.ScheduleId;
import dev.clarion.service.Service;
import dev.clarion.service.ServiceId;
import dev.clarion.team.Team;
import dev.clarion.team.TeamId;
import dev.clarion.user.Role;
import dev.clarion.user.User;
import dev.clarion.user.UserId;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code clarion.yml} into a {@link ClarionConfig}. Works on SnakeYAML's node tree rather
 * than on maps, so that every problem (syntax, unknown key, bad value, dangling reference) carries
 * its line and column; all problems are collected and thrown together as a {@link ConfigException}.
 * The schema is documented in {@code config/clarion.yml}.
 */
public final class ConfigLoader {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

  /** Keys travel in URL paths, so they stay within RFC 3986's unreserved characters. */
  private static final Pattern KEY_CHARACTERS = Pattern.compile("[A-Za-z0-9._~-]+");

  static final int MIN_KEY_LENGTH = 8;

  /** The chat platforms a user may have an identity on. */
  static final List<String> CHAT_CHANNELS = List.of("slack", "telegram", "discord");

  /** Chat platforms configured by the generic section shape (settings + chats). */
  static final List<String> CHAT_SECTIONS = List.of("telegram", "discord");

  private static final List<String> CONDITION_FIELDS = List.of("summary", "source", "urgency");
  private static final int MAX_LISTED_IDS = 10;

  private final ErrorCollector errors;
  private final EnvSubstitution env;
  private final Map<ServiceId, EndPolicy> endPolicies = new HashMap<>();

  /** Id and reference checks, shared with the section readers that live in their own classes. */
  interface References {
    Optional<String> id(YamlMapping m, String what, Map<String, Scalar> seen);

    boolean exists(Scalar ref, String what, Set<String> ids);
  }

  private References references() {
    return new References() {
      @Override
      public Optional<String> id(YamlMapping m, String what, Map<String, Scalar> seen) {
        return ConfigLoader.this.id(m, what, seen);
      }

      @Override
      public boolean exists(Scalar ref, String what, Set<String> ids) {
        return reference(ref, what, ids);
      }
    };
  }

  private OnCallSettings onCall(YamlMapping m) {
    int days =
        m.integer("max_override_days", (int) OnCallSettings.DEFAULT_MAX_OVERRIDE.toDays(), 1, 366);
    m.rejectUnknownKeys();
    return new OnCallSettings(Duration.ofDays(days));
  }

  private RunbookSettings runbooks(YamlMapping m) {
    RunbookSettings d = RunbookSettings.defaults();
    Path directory = Path.of(m.text("directory", d.directory().toString()).strip());
    Role approver = m.choice("approver_role", Role::parse, "role", "viewer|responder|admin")
        .orElse(d.approverRole());
    int limit = m.integer("output_limit", d.outputLimit(), 50, 4000);
    Set<String> hosts = new java.util.LinkedHashSet<>();
    Duration httpTimeout = d.httpTimeout();
    Optional<YamlMapping> http = m.mapping("http");
    if (http.isPresent()) {
      for (Scalar s : http.get().scalars("allow_hosts")) {
        String host = s.value().strip().toLowerCase(Locale.ROOT);
        if (host.isEmpty() || host.contains("/") || host.contains("*")) {
          errors.at(s.node(), s.path(), "a host is a name or name:port, without scheme, path or"
              + " wildcard");
        } else {
          hosts.add(host);
        }
      }
      httpTimeout = Duration.ofSeconds(
          http.get().integer("timeout_seconds", (int) d.httpTimeout().toSeconds(), 1, 300));
      http.get().rejectUnknownKeys();
    }
    Map<String, RunbookSettings.AllowedCommand> commands = new java.util.LinkedHashMap<>();
    for (YamlMapping c : m.mappings("commands")) {
      Optional<String> name = c.required("name").map(s -> s.value().strip());
      Optional<Scalar> executable = c.required("executable");
      executable.filter(e -> !Path.of(e.value().strip()).isAbsolute()).ifPresent(e -> errors.at(
          e.node(), e.path(), "must be an absolute path (commands run without a shell or PATH)"));
      List<String> args = c.scalars("args").stream().map(Scalar::value).toList();
      int timeout = c.integer("timeout_seconds", 30, 1, 3600);
      c.rejectUnknownKeys();
      if (name.isPresent() && executable.isPresent()) {
        if (commands.containsKey(name.get())) {
          c.errorAt("name", "command '" + name.get() + "' is listed twice");
        }
        commands.put(name.get(), new RunbookSettings.AllowedCommand(name.get(),
            executable.get().value().strip(), args, Duration.ofSeconds(timeout)));
      }
    }
    Map<String, String> secrets = new java.util.LinkedHashMap<>();
    m.mapping("secrets").ifPresent(s -> {
      for (String key : s.keys()) {
        s.scalar(key).ifPresent(v -> secrets.put(key, v.value()));
      }
    });
    m.rejectUnknownKeys();
    return new RunbookSettings(directory, hosts, commands, secrets, approver, httpTimeout, limit);
  }

  private Duration maxMaintenance(YamlMapping m) {
    int hours =
        m.integer("max_duration_hours", (int) MaintenanceSettings.DEFAULT_MAX_DURATION.toHours(),
            1, 24 * 366);
    m.rejectUnknownKeys();
    return Duration.ofHours(hours);
  }

  private ConfigLoader(String fileName, Map<String, String> env) {
    this.errors = new ErrorCollector(fileName);
    this.env = new EnvSubstitution(env);
  }

  /**
   * Reads and validates {@code file}; errors name it as given, so pass the path a person would
   * type. {@code env} resolves {@code ${env:NAME}} ({@code System.getenv()} in production).
   */
  public static ClarionConfig load(Path file, Map<String, String> env) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(
          List.of(
              new ConfigError(
                  file.toString(), 0, 0, "", "cannot read the file (" + describe(e) + ")")));
    }
    return new ConfigLoader(file.toString(), env).read(text, file);
  }

  /** Like {@link #load} for text already in memory; {@code fileName} is used in messages. */
  public static ClarionConfig parse(String yaml, String fileName, Map<String, String> env) {
    return new ConfigLoader(fileName, env).read(yaml, Path.of(fileName));
  }

  private ClarionConfig read(String yaml, Path source) {
    Optional<YamlMapping> root = compose(yaml).flatMap(n -> YamlMapping.of(n, "", errors, env));
    if (root.isEmpty()) {
      errors.throwIfAny();
    }
    YamlMapping top = root.orElseThrow();
    ServerSettings server =
        top.mapping("server").map(this::server).orElseGet(ServerSettings::defaults);
    DatabaseSettings database =
        top.mapping("database").map(this::database).orElseGet(DatabaseSettings::defaults);
    IngestSettings ingest =
        top.mapping("ingest").map(this::ingest).orElseGet(IngestSettings::defaults);
    // Dependency order, whatever the order in the file: references need their targets' ids.
    Map<String, Scalar> serviceIds = new HashMap<>();
    Map<String, Scalar> userIds = new HashMap<>();
    List<Service> services = services(top, serviceIds);
    Map<ServiceId, EndPolicy> endPolicies = new HashMap<>();
    for (Service service : services) {
      endPolicies.put(service.id(), EndPolicy.QUIET);
    }
    endPolicies.putAll(this.endPolicies);
    List<User> users = users(top, userIds);
    List<Team> teams = teams(top, userIds.keySet());
    List<Integration> integrations = integrations(top, serviceIds.keySet());
    List<Schedule> schedules =
        new ScheduleSection(errors, this::zone, references())
            .read(top, userIds.keySet(), serviceIds.keySet());
    MaintenanceSettings maintenance =
        new MaintenanceSettings(
            top.mapping("maintenance").map(this::maxMaintenance)
                .orElse(MaintenanceSettings.DEFAULT_MAX_DURATION),
            endPolicies);
    OnCallSettings onCall =
        top.mapping("oncall").map(this::onCall).orElseGet(OnCallSettings::defaults);
    ChannelSettings channels =
        top.mapping("channels").map(this::channels).orElseGet(ChannelSettings::defaults);
    List<WebhookSettings> webhooks = webhooks(top, serviceIds.keySet());
    Optional<SlackSettings> slack = top.mapping("slack").flatMap(m -> slack(m, serviceIds.keySet()));
    Map<String, ChatChannelSettings> chatChannels = chatChannels(top, serviceIds.keySet());
    List<EscalationPolicy> policies =
        escalationPolicies(
            top, userIds.keySet(), teams.stream().map(t -> t.id().value()).collect(Collectors.toSet()),
            schedules.stream().map(s -> s.id().value()).collect(Collectors.toSet()));
    RunbookSettings runbooks =
        top.mapping("runbooks").map(this::runbooks).orElseGet(RunbookSettings::defaults);
    EscalationSettings escalation = new EscalationSettings(
        top.mapping("calendars").map(m -> new CalendarSection(errors, this::zone).read(m))
            .orElse(Map.of()),
        top.mapping("escalation").map(m -> {
          boolean watch = m.flag("watch", true);
          m.rejectUnknownKeys();
          return watch;
        }).orElse(true));
    top.rejectUnknownKeys();
    errors.throwIfAny();
    return new ClarionConfig(
        server, database, ingest, services, teams, users, integrations, policies, schedules, onCall,
        maintenance, source, channels, webhooks, slack, chatChannels, runbooks, escalation);
  }

  private Optional<Node> compose(String yaml) {
    try {
      Node root = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
      if (root == null) {
        errors.forFile("the file is empty; see config/clarion.yml for a documented example");
      }
      return Optional.ofNullable(root);
    } catch (MarkedYAMLException e) {
      // Only the problem, not SnakeYAML's full message: that quotes the line, which may hold a
      // secret.
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem =
          "invalid YAML: " + (e.getProblem() != null ? e.getProblem() : "syntax error");
      if (mark != null) {
        errors.at(mark, "", problem);
      } else {
        errors.forFile(problem);
      }
    } catch (YAMLException e) {
      errors.forFile("invalid YAML (" + e.getClass().getSimpleName() + ")");
    }
    return Optional.empty();
  }

  // --- settings ---------------------------------------------------------------------------------

  private ServerSettings server(YamlMapping m) {
    String host = m.text("host", ServerSettings.DEFAULT_HOST).strip();
    if (host.isEmpty()) {
      m.errorAt("host", "must not be empty (use 0.0.0.0 to listen on every interface)");
      host = ServerSettings.DEFAULT_HOST;
    }
    int port = m.integer("port", ServerSettings.DEFAULT_PORT, 0, 65_535);
    Optional<URI> publicUrl = m.scalar("public_url").flatMap(this::httpUrl);
    int maxBody =
        m.integer("max_body_bytes", ServerSettings.DEFAULT_MAX_BODY_BYTES, 1024, 64 * 1024 * 1024);
    boolean noop = m.flag("noop_endpoint", false);
    m.rejectUnknownKeys();
    return new ServerSettings(host, port, publicUrl, maxBody, noop);
  }

  private Optional<URI> httpUrl(Scalar s) {
    String text = s.value().strip();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    try {
      URI uri = new URI(text);
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null
          && uri.getQuery() == null
          && uri.getFragment() == null) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    errors.at(
        s.node(),
        s.path(),
        "expected an absolute http:// or https:// URL without query, found " + s.shown());
    return Optional.empty();
  }

  private DatabaseSettings database(YamlMapping m) {
    String url =
        m.scalar("url")
            .filter(
                s -> {
                  if (DatabaseSettings.isSupported(s.value().strip())) {
                    return true;
                  }
                  // Not quoted: a JDBC URL may carry a password.
                  errors.at(
                      s.node(),
                      s.path(),
                      "unsupported database URL (use jdbc:h2:… for the embedded database"
                          + " or jdbc:postgresql:…)");
                  return false;
                })
            .map(s -> s.value().strip())
            .orElse(DatabaseSettings.DEFAULT_URL);
    String user = m.text("user", DatabaseSettings.DEFAULT_USER);
    String password = m.text("password", "");
    int poolSize = m.integer("pool_size", DatabaseSettings.DEFAULT_POOL_SIZE, 1, 100);
    m.rejectUnknownKeys();
    return new DatabaseSettings(DatabaseSettings.normalizeUrl(url), user, password, poolSize);
  }

  private IngestSettings ingest(YamlMapping m) {
    int capacity =
        m.integer("queue_capacity", IngestSettings.DEFAULT_QUEUE_CAPACITY, 1, 10_000_000);
    int maxBatch = m.integer("max_batch", IngestSettings.DEFAULT_MAX_BATCH, 1, 10_000);
    if (maxBatch > capacity) {
      m.errorAt("max_batch", "must not exceed queue_capacity (" + capacity + ")");
    }
    m.rejectUnknownKeys();
    return new IngestSettings(capacity, Math.min(maxBatch, capacity));
  }

  // --- channels and webhooks -------------------------------------------------------------------

  private ChannelSettings channels(YamlMapping m) {
    ChannelSettings d = ChannelSettings.defaults();
    Path plugins = Path.of(m.text("plugins_dir", d.pluginsDir().toString()).strip());
    Path templates = Path.of(m.text("templates_dir", d.templatesDir().toString()).strip());
    Optional<String> secret = m.scalar("link_secret").filter(s -> {
      if (s.value().length() >= 16) {
        return true;
      }
      errors.at(s.node(), s.path(), "must be at least 16 characters long");
      return false;
    }).map(Scalar::value);
    int ttlMinutes = m.integer("link_ttl_minutes", (int) d.linkTtl().toMinutes(), 1, 60 * 24 * 30);
    int attempts = m.integer("max_attempts", d.maxAttempts(), 1, 1000);
    int global = m.integer("webhook_global_per_second", d.webhookGlobalPerSecond(), 1, 100_000);
    int each = m.integer("webhook_per_destination_per_second",
        d.webhookPerDestinationPerSecond(), 1, 100_000);
    boolean inbox = m.flag("demo_inbox", false);
    m.rejectUnknownKeys();
    return new ChannelSettings(plugins, templates, secret, java.time.Duration.ofMinutes(ttlMinutes),
        attempts, global, each, inbox);
  }

  private static final List<String> WEBHOOK_EVENTS =
      List.of("escalation", "assignee_change", "acknowledged", "resolved");

  /** The known services listed under {@code services:}; unknown ones are reported. */
  private List<ServiceId> serviceReferences(YamlMapping m, Set<String> serviceIds) {
    List<ServiceId> services = new ArrayList<>();
    for (Scalar s : m.scalars("services")) {
      if (reference(s, "service", serviceIds)) {
        services.add(new ServiceId(s.value()));
      }
    }
    return services;
  }

  /** The notification events under {@code events:}, all of them when the key is absent. */
  private Set<String> events(YamlMapping m) {
    Set<String> events = new java.util.LinkedHashSet<>();
    for (Scalar s : m.scalars("events")) {
      String event = s.value().strip().toLowerCase(Locale.ROOT);
      if (WEBHOOK_EVENTS.contains(event)) {
        events.add(event);
      } else {
        errors.at(s.node(), s.path(), "unknown event " + s.shown() + " (use "
            + String.join("|", WEBHOOK_EVENTS) + ")"
            + Suggestions.didYouMean(event, WEBHOOK_EVENTS));
      }
    }
    if (!m.has("events")) {
      events.addAll(WEBHOOK_EVENTS);
    }
    return events;
  }

  private List<WebhookSettings> webhooks(YamlMapping top, Set<String> serviceIds) {
    List<WebhookSettings> hooks = new ArrayList<>();
    Map<String, Scalar> ids = new HashMap<>();
    for (YamlMapping m : top.mappings("webhooks")) {
      Optional<String> id = id(m, "webhook", ids);
      String name = m.text("name", id.orElse(""));
      List<ServiceId> services = serviceReferences(m, serviceIds);
      if (!m.has("services")) {
        errors.at(m.node(), m.path(), "a webhook needs services: the services it reports on");
      }
      Set<String> events = events(m);
      boolean urlEncode = m.flag("url_encode", false);
      Optional<String> url = m.required("url").flatMap(s -> {
        String text = s.value().strip();
        // ${CLARION_URL} is this server's public URL (the demo inbox is a webhook to itself).
        if (text.startsWith("http://") || text.startsWith("https://")
            || text.startsWith("${CLARION_URL}/")) {
          return Optional.of(text);
        }
        errors.at(s.node(), s.path(), "expected an http:// or https:// URL (or ${CLARION_URL}/...),"
            + " found " + s.shown());
        return Optional.empty();
      });
      String method = m.scalar("method").map(s -> {
        String upper = s.value().strip().toUpperCase(Locale.ROOT);
        if (!WebhookSettings.METHODS.contains(upper)) {
          errors.at(s.node(), s.path(), "unknown method " + s.shown() + " (use "
              + String.join("|", WebhookSettings.METHODS) + ")");
        }
        return upper;
      }).orElse("POST");
      Map<String, String> headers = new LinkedHashMap<>();
      m.mapping("headers").ifPresent(h -> {
        for (String key : h.keys()) {
          h.scalar(key).ifPresent(s -> headers.put(key, s.value()));
        }
      });
      String body = m.text("body", "");
      Locale locale = m.scalar("locale").flatMap(this::locale).orElse(Locale.ENGLISH);
      ZoneId zone = m.scalar("time_zone").flatMap(this::zone).orElse(ZoneId.of("UTC"));
      m.rejectUnknownKeys();
      if (id.isPresent() && url.isPresent()) {
        hooks.add(new WebhookSettings(id.get(), name, services, events, urlEncode, url.get(),
            method, headers, body, locale, zone));
      }
    }
    return hooks;
  }

  /**
   * {@code telegram:}, {@code discord:}: (Slack has its own typed section) single-valued settings for the plugin, and {@code chats:}
   * that follow services' incidents (like webhooks, with the same events).
   */
  private Map<String, ChatChannelSettings> chatChannels(YamlMapping top, Set<String> serviceIds) {
    Map<String, ChatChannelSettings> sections = new LinkedHashMap<>();
    for (String channel : CHAT_SECTIONS) {
      top.mapping(channel).ifPresent(m -> {
        Map<String, String> settings = new LinkedHashMap<>();
        List<ChatChannelSettings.Chat> chats = new ArrayList<>();
        for (String key : m.keys()) {
          if (key.equals("chats")) {
            chats.addAll(chats(m, serviceIds));
          } else {
            m.scalar(key).ifPresent(s -> settings.put(key, s.value().strip()));
          }
        }
        m.rejectUnknownKeys();
        sections.put(channel, new ChatChannelSettings(channel, settings, chats));
      });
    }
    return sections;
  }

  private List<ChatChannelSettings.Chat> chats(YamlMapping section, Set<String> serviceIds) {
    List<ChatChannelSettings.Chat> chats = new ArrayList<>();
    for (YamlMapping m : section.mappings("chats")) {
      Optional<String> id = m.required("id").map(s -> s.value().strip());
      List<ServiceId> services = serviceReferences(m, serviceIds);
      if (!m.has("services")) {
        errors.at(m.node(), m.path(), "a chat needs services: the services it follows");
      }
      Set<String> events = events(m);
      Locale locale = m.scalar("locale").flatMap(this::locale).orElse(Locale.ENGLISH);
      ZoneId zone = m.scalar("time_zone").flatMap(this::zone).orElse(ZoneId.of("UTC"));
      m.rejectUnknownKeys();
      id.ifPresent(chat -> chats.add(
          new ChatChannelSettings.Chat(chat, services, events, locale, zone)));
    }
    return chats;
  }

  private Optional<SlackSettings> slack(YamlMapping m, Set<String> serviceIds) {
    Optional<String> token = m.required("bot_token").map(s -> s.value().strip());
    Optional<String> secret = m.required("signing_secret").map(s -> s.value().strip());
    Optional<String> appToken = m.scalar("app_token").map(s -> s.value().strip())
        .filter(t -> !t.isEmpty());
    String command = m.text("command", "/clarion").strip();
    if (!command.startsWith("/")) {
      command = "/" + command;
    }
    Optional<String> apiUrl = m.scalar("api_url").map(s -> s.value().strip())
        .map(u -> u.endsWith("/") ? u : u + "/");
    int global = m.integer("global_per_second", 10, 1, 1000);
    List<SlackSettings.ChannelRoute> routes = new ArrayList<>();
    for (YamlMapping c : m.mappings("channels")) {
      Optional<String> channel = c.required("channel").map(s -> s.value().strip());
      List<ServiceId> services = serviceReferences(c, serviceIds);
      Set<String> events = events(c);
      c.rejectUnknownKeys();
      channel.ifPresent(id -> routes.add(new SlackSettings.ChannelRoute(id, services, events)));
    }
    m.rejectUnknownKeys();
    if (token.isEmpty() || secret.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new SlackSettings(token.get(), secret.get(), appToken, command, apiUrl,
        global, routes));
  }

  // --- services, users, teams -------------------------------------------------------------------

  private List<Service> services(YamlMapping top, Map<String, Scalar> ids) {
    List<Service> services = new ArrayList<>();
    for (YamlMapping m : top.mappings("services")) {
      Optional<String> id = id(m, "service", ids);
      String name = m.text("name", id.orElse(""));
      String description = m.text("description", "");
      Level impact =
          m.choice("impact", Level::parse, "impact", labels(Level.values(), Level::label))
              .orElse(Level.MEDIUM);
      Optional<String> policy =
          m.scalar("escalation_policy").map(s -> s.value().strip()).filter(p -> !p.isEmpty());
      Optional<EndPolicy> maintenanceEnd =
          m.choice("maintenance_end", EndPolicy::parse, "maintenance_end policy", "quiet|escalate");
      m.rejectUnknownKeys();
      id.ifPresent(i -> maintenanceEnd.ifPresent(p -> endPolicies.put(new ServiceId(i), p)));
      id.ifPresent(
          i -> services.add(new Service(new ServiceId(i), name, description, impact, policy)));
    }
    return services;
  }

  private List<User> users(YamlMapping top, Map<String, Scalar> ids) {
    List<User> users = new ArrayList<>();
    Map<String, Scalar> chatOwners = new HashMap<>();
    for (YamlMapping m : top.mappings("users")) {
      Optional<String> id = id(m, "user", ids);
      String name = m.text("name", id.orElse(""));
      Optional<String> email = m.required("email").flatMap(this::email);
      ZoneId zone = m.scalar("time_zone").flatMap(this::zone).orElse(ZoneId.of("UTC"));
      Locale locale = m.scalar("locale").flatMap(this::locale).orElse(Locale.ENGLISH);
      Role role =
          m.choice("role", Role::parse, "role", labels(Role.values(), Role::label))
              .orElse(Role.RESPONDER);
      Map<String, String> chat = m.mapping("chat").map(c -> chat(c, chatOwners)).orElse(Map.of());
      m.rejectUnknownKeys();
      if (id.isPresent() && email.isPresent()) {
        users.add(new User(new UserId(id.get()), name, email.get(), zone, locale, role, chat));
      }
    }
    return users;
  }

  private Optional<String> email(Scalar s) {
    String email = s.value().strip();
    if (EMAIL.matcher(email).matches()) {
      return Optional.of(email);
    }
    errors.at(s.node(), s.path(), "not an e-mail address: " + s.shown());
    return Optional.empty();
  }

  private Optional<ZoneId> zone(Scalar s) {
    try {
      return Optional.of(ZoneId.of(s.value().strip()));
    } catch (DateTimeException e) {
      List<String> close = Suggestions.closeZoneIds(s.value());
      String hint =
          close.isEmpty()
              ? " (use a region id such as Europe/Berlin or Asia/Seoul, or UTC)"
              : " (did you mean "
                  + close.stream().map(z -> "'" + z + "'").collect(Collectors.joining(" or "))
                  + "?)";
      errors.at(s.node(), s.path(), "unknown time zone " + s.shown() + hint);
      return Optional.empty();
    }
  }

  private Optional<Locale> locale(Scalar s) {
    try {
      Locale locale =
          new Locale.Builder().setLanguageTag(s.value().strip().replace('_', '-')).build();
      if (!locale.getLanguage().isEmpty()) {
        return Optional.of(locale);
      }
    } catch (IllformedLocaleException e) {
      // reported below
    }
    errors.at(s.node(), s.path(), "not a language tag: " + s.shown() + " (use e.g. en, ko, de-CH)");
    return Optional.empty();
  }

  /** Chat identities; each (platform, id) may belong to one user only, or replies go astray. */
  private Map<String, String> chat(YamlMapping m, Map<String, Scalar> owners) {
    Map<String, String> identities = new LinkedHashMap<>();
    for (String channel : CHAT_CHANNELS) {
      m.scalar(channel)
          .ifPresent(
              s -> {
                String platformId = s.value().strip();
                if (platformId.isEmpty()) {
                  errors.at(s.node(), s.path(), "must not be empty (leave the key out instead)");
                  return;
                }
                Scalar first = owners.putIfAbsent(channel + '\n' + platformId, s);
                if (first != null) {
                  errors.at(
                      s.node(),
                      s.path(),
                      "this "
                          + channel
                          + " identity is already given to "
                          + first.path()
                          + " (line "
                          + YamlMapping.line(first.node())
                          + "); it must belong to one user");
                  return;
                }
                identities.put(channel, platformId);
              });
    }
    m.rejectUnknownKeys();
    return identities;
  }

  private List<Team> teams(YamlMapping top, Set<String> userIds) {
    List<Team> teams = new ArrayList<>();
    Map<String, Scalar> ids = new HashMap<>();
    for (YamlMapping m : top.mappings("teams")) {
      Optional<String> id = id(m, "team", ids);
      String name = m.text("name", id.orElse(""));
      List<UserId> members = new ArrayList<>();
      Set<String> listed = new HashSet<>();
      for (Scalar member : m.scalars("members")) {
        if (!reference(member, "user", userIds)) {
          continue;
        }
        if (!listed.add(member.value())) {
          errors.at(member.node(), member.path(), "user " + member.shown() + " is listed twice");
          continue;
        }
        members.add(new UserId(member.value()));
      }
      m.rejectUnknownKeys();
      id.ifPresent(i -> teams.add(new Team(new TeamId(i), name, members)));
    }
    return teams;
  }

  // --- escalation policies (seed 001's step list; compiled to BPMN) ----------------------------

  private List<EscalationPolicy> escalationPolicies(
      YamlMapping top, Set<String> userIds, Set<String> teamIds, Set<String> scheduleIds) {
    List<EscalationPolicy> policies = new ArrayList<>();
    Map<String, Scalar> ids = new HashMap<>();
    for (YamlMapping m : top.mappings("escalation_policies")) {
      Optional<String> id = id(m, "escalation policy", ids);
      EscalationPolicy.EndCondition endOn =
          m.choice("end_on", EscalationPolicy.EndCondition::parse, "end condition",
                  "acknowledged|resolved")
              .orElse(EscalationPolicy.EndCondition.ACKNOWLEDGED);
      int rounds = m.integer("repeat", 1, 1, EscalationPolicy.MAX_ROUNDS);
      boolean finalNotification = m.flag("final_notification", false);
      List<YamlMapping> stepMappings = m.requiredMappings("steps", "escalation steps");
      if (stepMappings.size() > EscalationPolicy.MAX_STEPS) {
        m.errorAt("steps", "at most " + EscalationPolicy.MAX_STEPS + " steps, found "
            + stepMappings.size());
      }
      List<EscalationPolicy.Step> steps = new ArrayList<>();
      boolean complete = true;
      for (YamlMapping step : stepMappings) {
        Optional<EscalationPolicy.Step> parsed = step(step, userIds, teamIds, scheduleIds);
        parsed.ifPresent(steps::add);
        complete &= parsed.isPresent();
      }
      m.rejectUnknownKeys();
      if (id.isPresent() && complete && !steps.isEmpty()
          && steps.size() <= EscalationPolicy.MAX_STEPS) {
        policies.add(new EscalationPolicy(id.get(), steps, rounds, endOn, finalNotification));
      }
    }
    return policies;
  }

  private Optional<EscalationPolicy.Step> step(
      YamlMapping m, Set<String> userIds, Set<String> teamIds, Set<String> scheduleIds) {
    List<Target> targets = new ArrayList<>();
    for (Scalar user : m.scalars("users")) {
      if (reference(user, "user", userIds)) {
        targets.add(new Target.User(new UserId(user.value())));
      }
    }
    for (Scalar schedule : m.scalars("schedules")) {
      if (reference(schedule, "schedule", scheduleIds)) {
        targets.add(new Target.Schedule(new ScheduleId(schedule.value())));
      }
    }
    for (Scalar team : m.scalars("teams")) {
      if (reference(team, "team", teamIds)) {
        targets.add(new Target.Team(new TeamId(team.value())));
      }
    }
    for (Scalar team : m.scalars("random_member_of")) {
      if (reference(team, "team", teamIds)) {
        targets.add(new Target.RandomMember(new TeamId(team.value())));
      }
    }
    if (m.flag("previous_responders", false)) {
      targets.add(new Target.PreviousResponders());
    }
    if (m.flag("everyone", false)) {
      targets.add(new Target.Everyone());
    }
    Optional<Integer> wait =
        m.has("wait_minutes")
            ? m.scalar("wait_minutes").flatMap(s -> m.integer(s, 1, 7 * 24 * 60))
            : Optional.empty();
    if (!m.has("wait_minutes")) {
      m.errorAt("wait_minutes", "required but missing: every step waits before the next one"
          + " (after the last step: before the next round or the end)");
    }
    if (targets.isEmpty() && !hasAnyTarget(m)) {
      m.errorAt("users", "a step needs at least one target: users, schedules, teams,"
          + " random_member_of, previous_responders or everyone");
    }
    m.rejectUnknownKeys();
    if (wait.isEmpty() || targets.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new EscalationPolicy.Step(targets, Duration.ofMinutes(wait.get())));
  }

  private static boolean hasAnyTarget(YamlMapping m) {
    return m.has("users") || m.has("schedules") || m.has("teams") || m.has("random_member_of");
  }

  // --- integrations and their routing rules -----------------------------------------------------

  private List<Integration> integrations(YamlMapping top, Set<String> serviceIds) {
    List<Integration> integrations = new ArrayList<>();
    Map<String, Scalar> ids = new HashMap<>();
    Map<String, Scalar> keys = new HashMap<>();
    for (YamlMapping m : top.mappings("integrations")) {
      Optional<String> id = id(m, "integration", ids);
      String name = m.text("name", id.orElse(""));
      Optional<AlertFormat> format =
          m.required("format")
              .flatMap(s -> m.choice(s, AlertFormat::parse, "format", AlertFormat.allowedValues()));
      Optional<String> key = m.required("key").flatMap(s -> key(s, keys));
      Optional<ServiceId> defaultService =
          m.required("default_service")
              .filter(s -> reference(s, "service", serviceIds))
              .map(s -> new ServiceId(s.value()));
      Urgency defaultUrgency =
          m.choice("default_urgency", Urgency::parse, "urgency", Urgency.allowedValues())
              .orElse(Urgency.HIGH);
      IngestQuota.Rate rate =
          m.mapping("rate_limit").map(this::rate).orElse(IngestQuota.Rate.DEFAULT);
      boolean autoConfirm = m.flag("auto_confirm_subscriptions", false);
      if (autoConfirm && format.isPresent() && format.get() != AlertFormat.CLOUDWATCH) {
        m.errorAt(
            "auto_confirm_subscriptions",
            "only applies to cloudwatch integrations (it confirms SNS subscriptions)");
      }
      List<RoutingRule> rules = rules(m, serviceIds);
      m.rejectUnknownKeys();
      if (id.isPresent() && format.isPresent() && key.isPresent() && defaultService.isPresent()) {
        integrations.add(
            new Integration(
                new IntegrationId(id.get()),
                name,
                key.get(),
                format.get(),
                defaultService.get(),
                defaultUrgency,
                rules,
                rate,
                autoConfirm));
      }
    }
    return integrations;
  }

  /** Checks an integration key. Messages never quote it: it is a secret. */
  private Optional<String> key(Scalar s, Map<String, Scalar> keys) {
    String key = s.value();
    if (key.length() < MIN_KEY_LENGTH) {
      errors.at(s.node(), s.path(), "must be at least " + MIN_KEY_LENGTH + " characters long");
      return Optional.empty();
    }
    if (!KEY_CHARACTERS.matcher(key).matches()) {
      errors.at(
          s.node(),
          s.path(),
          "may only contain letters, digits, '.', '_', '~' and '-' (it travels in URLs)");
      return Optional.empty();
    }
    Scalar first = keys.putIfAbsent(key, s);
    if (first != null) {
      errors.at(
          s.node(),
          s.path(),
          "same key as "
              + first.path()
              + " (line "
              + YamlMapping.line(first.node())
              + "); every integration needs its own key");
      return Optional.empty();
    }
    return Optional.of(key);
  }

  private IngestQuota.Rate rate(YamlMapping m) {
    double perSecond = m.decimal("per_second", IngestQuota.Rate.DEFAULT.perSecond(), 0, 1_000_000);
    int burst = m.integer("burst", IngestQuota.Rate.DEFAULT.burst(), 1, 10_000_000);
    m.rejectUnknownKeys();
    return new IngestQuota.Rate(perSecond, burst);
  }

  private List<RoutingRule> rules(YamlMapping integration, Set<String> serviceIds) {
    List<RoutingRule> rules = new ArrayList<>();
    Map<String, Scalar> names = new HashMap<>();
    Map<Integer, YamlMapping> priorities = new HashMap<>();
    List<YamlMapping> items = integration.mappings("rules");
    for (int i = 0; i < items.size(); i++) {
      YamlMapping m = items.get(i);
      Optional<String> name = m.required("name").flatMap(s -> unique(s, "rule name", names));
      Optional<Integer> priority = priority(m, i + 1, priorities);
      List<Condition> conditions = conditions(m);
      Optional<ServiceId> routeTo =
          m.scalar("route_to")
              .filter(s -> reference(s, "service", serviceIds))
              .map(s -> new ServiceId(s.value()));
      Optional<Urgency> setUrgency =
          m.choice("set_urgency", Urgency::parse, "urgency", Urgency.allowedValues());
      boolean drop = m.flag("drop", false);
      boolean routes = m.has("route_to");
      boolean setsUrgency = m.has("set_urgency");
      if (!drop && !routes && !setsUrgency) {
        errors.at(m.node(), m.path(), "a rule must route_to a service, set_urgency or drop");
      }
      if (drop && (routes || setsUrgency)) {
        m.errorAt("drop", "a rule that drops the alert cannot also route_to or set_urgency");
      }
      m.rejectUnknownKeys();
      if (name.isPresent() && priority.isPresent()) {
        rules.add(
            new RoutingRule(name.get(), priority.get(), conditions, routeTo, setUrgency, drop));
      }
    }
    return rules;
  }

  /** An explicit priority, or the rule's 1-based position; unique within the integration. */
  private Optional<Integer> priority(
      YamlMapping rule, int position, Map<Integer, YamlMapping> taken) {
    Optional<Scalar> written = rule.scalar("priority");
    Optional<Integer> priority =
        written.isPresent()
            ? rule.integer(written.get(), 0, 1_000_000)
            : rule.has("priority") ? Optional.empty() : Optional.of(position);
    if (priority.isEmpty()) {
      return priority;
    }
    YamlMapping first = taken.putIfAbsent(priority.get(), rule);
    if (first != null) {
      String origin = written.isPresent() ? "" : " (a rule without priority gets its position)";
      errors.at(
          written.map(Scalar::node).orElse(rule.node()),
          rule.child("priority"),
          "priority "
              + priority.get()
              + origin
              + " is also used by "
              + first.path()
              + " (line "
              + YamlMapping.line(first.node())
              + "); rules of one integration need distinct priorities");
      return Optional.empty();
    }
    return priority;
  }

  private List<Condition> conditions(YamlMapping rule) {
    List<Condition> conditions = new ArrayList<>();
    for (YamlMapping c : rule.requiredMappings("when", "conditions that must all hold")) {
      Optional<Scalar> field = c.required("field");
      Optional<Operator> operator =
          c.required("op")
              .flatMap(s -> c.choice(s, Operator::parse, "operator", Operator.allowedValues()));
      Optional<Scalar> value = c.scalar("value");
      boolean valueWritten = c.has("value");
      c.rejectUnknownKeys();
      if (field.isEmpty() || operator.isEmpty() || (valueWritten && value.isEmpty())) {
        continue; // already reported
      }
      if (operator.get() == Operator.EXISTS && value.isPresent()) {
        c.errorAt("value", "op exists takes no value");
        continue;
      }
      try {
        conditions.add(
            Condition.of(
                field.get().value().strip(),
                operator.get(),
                value.map(Scalar::value).orElse(null)));
      } catch (Problem problem) {
        String key = problem.field().orElse("field");
        String hint =
            key.equals("field")
                ? Suggestions.didYouMean(field.get().value().strip(), CONDITION_FIELDS)
                : "";
        c.errorAt(key, problem.getMessage() + hint);
      }
    }
    return conditions;
  }

  // --- ids and references -----------------------------------------------------------------------

  /** Reads an entry's id: required, well formed, and unique among {@code seen}. */
  private Optional<String> id(YamlMapping m, String what, Map<String, Scalar> seen) {
    return m.required("id")
        .filter(
            s -> {
              if (ID.matcher(s.value()).matches()) {
                return true;
              }
              errors.at(
                  s.node(),
                  s.path(),
                  "invalid "
                      + what
                      + " id "
                      + s.shown()
                      + ": use lowercase letters, digits, '-' and '_', starting with a letter"
                      + " or digit");
              return false;
            })
        .flatMap(s -> unique(s, what + " id", seen));
  }

  private Optional<String> unique(Scalar s, String what, Map<String, Scalar> seen) {
    Scalar first = seen.putIfAbsent(s.value(), s);
    if (first == null) {
      return Optional.of(s.value());
    }
    errors.at(
        s.node(),
        s.path(),
        "duplicate "
            + what
            + " "
            + s.shown()
            + " (first defined at "
            + first.path()
            + ", line "
            + YamlMapping.line(first.node())
            + ")");
    return Optional.empty();
  }

  /** Whether {@code ref} names a defined {@code what}; reports it at the reference if not. */
  private boolean reference(Scalar ref, String what, Set<String> ids) {
    if (ids.contains(ref.value())) {
      return true;
    }
    String hint =
        Suggestions.closest(ref.value(), ids)
            .map(id -> " (did you mean '" + id + "'?)")
            .orElseGet(
                () ->
                    ids.isEmpty()
                        ? " (no " + what + "s are defined)"
                        : " (defined: "
                            + ids.stream()
                                .sorted()
                                .limit(MAX_LISTED_IDS)
                                .collect(Collectors.joining(", "))
                            + (ids.size() > MAX_LISTED_IDS ? ", …" : "")
                            + ")");
    errors.at(ref.node(), ref.path(), "unknown " + what + " " + ref.shown() + hint);
    return false;
  }

  private static <E> String labels(E[] values, Function<E, String> label) {
    return Arrays.stream(values).map(label).collect(Collectors.joining("|"));
  }

  private static String describe(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
