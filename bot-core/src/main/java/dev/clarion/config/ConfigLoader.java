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
import dev.clarion.routing.RoutingRule;
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

  private static final List<String> CONDITION_FIELDS = List.of("summary", "source", "urgency");
  private static final int MAX_LISTED_IDS = 10;

  private final ErrorCollector errors;
  private final EnvSubstitution env;

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
    List<User> users = users(top, userIds);
    List<Team> teams = teams(top, userIds.keySet());
    List<Integration> integrations = integrations(top, serviceIds.keySet());
    List<EscalationPolicy> policies =
        escalationPolicies(
            top, userIds.keySet(), teams.stream().map(t -> t.id().value()).collect(Collectors.toSet()));
    top.rejectUnknownKeys();
    errors.throwIfAny();
    return new ClarionConfig(
        server, database, ingest, services, teams, users, integrations, policies, source);
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
      m.rejectUnknownKeys();
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
      YamlMapping top, Set<String> userIds, Set<String> teamIds) {
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
        Optional<EscalationPolicy.Step> parsed = step(step, userIds, teamIds);
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
      YamlMapping m, Set<String> userIds, Set<String> teamIds) {
    List<Target> targets = new ArrayList<>();
    for (Scalar user : m.scalars("users")) {
      if (reference(user, "user", userIds)) {
        targets.add(new Target.User(new UserId(user.value())));
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
      m.errorAt("users", "a step needs at least one target: users, teams, random_member_of,"
          + " previous_responders or everyone");
    }
    m.rejectUnknownKeys();
    if (wait.isEmpty() || targets.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new EscalationPolicy.Step(targets, Duration.ofMinutes(wait.get())));
  }

  private static boolean hasAnyTarget(YamlMapping m) {
    return m.has("users") || m.has("teams") || m.has("random_member_of");
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
