package dev.clarion.http.ingest;

import static dev.clarion.http.ingest.JsonFields.at;
import static dev.clarion.http.ingest.JsonFields.optionalObject;
import static dev.clarion.http.ingest.JsonFields.optionalText;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.alert.AlertEvent;
import dev.clarion.alert.AlertFormat;
import dev.clarion.alert.EventAction;
import dev.clarion.alert.Integration;
import dev.clarion.incident.Urgency;
import dev.clarion.problem.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The alert group that Prometheus Alertmanager's webhook sends and Grafana's unified alerting
 * copies: a body with an {@code alerts} array, each alert with status, labels, annotations, times
 * and a fingerprint. Each alert becomes one event. The two formats differ only in which extra
 * fields they carry, described by a {@link Shape}.
 *
 * <ul>
 *   <li>Dedup key: the alert's {@code fingerprint}. When a sender leaves it out, it is computed
 *       from the labels the way Prometheus computes label fingerprints (FNV-1a 64 over the labels
 *       sorted by name, each name and value followed by a 0xFF byte, printed as 16 hex digits), so
 *       the same label set always gets the same key.
 *   <li>Action: {@code firing} triggers, {@code resolved} resolves. An alert without a status takes
 *       the group's.
 *   <li>Summary: annotation {@code summary}, else {@code description}, else {@code alertname} with
 *       the other labels in brackets.
 *   <li>Source: label {@code instance}, else {@code job}, else the integration's name.
 *   <li>Urgency: from the {@code severity} label, see {@link #urgencyOf}.
 * </ul>
 */
final class AlertGroup {
  /** What a sender adds to the common shape: extra per-alert and per-group detail fields. */
  record Shape(AlertFormat format, List<String> alertDetails, List<String> groupDetails) {}

  private static final Map<String, EventAction> STATUSES = statuses();

  /** How many labels a generated summary lists before "…"; keeps it one readable line. */
  private static final int SUMMARY_LABELS = 4;

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private static final int SEPARATOR = 0xff;

  /** Go's zero time: what Alertmanager sends as {@code endsAt} of an alert that has not ended. */
  private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private AlertGroup() {}

  static List<AlertEvent> parse(JsonNode body, Integration integration, Shape shape) {
    JsonFields.requireObjectBody(body);
    JsonNode alerts = body.get("alerts");
    if (JsonFields.absent(alerts)) {
      throw Problem.invalid("alerts", "alerts is required (a non-empty array of alerts)");
    }
    if (!alerts.isArray()) {
      throw JsonFields.wrongType("alerts", "a non-empty array", alerts);
    }
    if (alerts.isEmpty()) {
      throw Problem.invalid("alerts", "alerts must not be empty");
    }
    Optional<EventAction> groupAction =
        optionalText(body, "", "status").map(s -> JsonFields.oneOf("status", s, STATUSES));
    Map<String, Object> groupDetails = new LinkedHashMap<>();
    copyDetails(body, shape.groupDetails(), groupDetails);

    List<AlertEvent> events = new ArrayList<>(alerts.size());
    for (int i = 0; i < alerts.size(); i++) {
      events.add(
          alert(alerts.get(i), at("alerts", i), groupAction, groupDetails, integration, shape));
    }
    return List.copyOf(events);
  }

  private static AlertEvent alert(
      JsonNode alert,
      String path,
      Optional<EventAction> groupAction,
      Map<String, Object> groupDetails,
      Integration integration,
      Shape shape) {
    if (!alert.isObject()) {
      throw JsonFields.wrongType(path, "an object", alert);
    }
    String statusPath = at(path, "status");
    EventAction action =
        optionalText(alert, path, "status")
            .map(s -> JsonFields.oneOf(statusPath, s, STATUSES))
            .or(() -> groupAction)
            .orElseThrow(
                () ->
                    Problem.invalid(
                        statusPath,
                        statusPath
                            + " is required (one of "
                            + String.join("|", STATUSES.keySet())
                            + ")"));
    Map<String, String> labels =
        optionalObject(alert, path, "labels")
            .map(l -> JsonFields.stringMap(l, at(path, "labels")))
            .orElse(Map.of());
    Map<String, String> annotations =
        optionalObject(alert, path, "annotations")
            .map(a -> JsonFields.stringMap(a, at(path, "annotations")))
            .orElse(Map.of());
    String fingerprint =
        optionalText(alert, path, "fingerprint")
            .filter(f -> !f.isBlank())
            .orElseGet(() -> fingerprint(labels));
    Optional<Instant> startsAt = time(alert, path, "startsAt");
    Optional<Instant> endsAt = time(alert, path, "endsAt");

    Map<String, Object> details = new LinkedHashMap<>(annotations);
    copyDetails(alert, List.of("generatorURL", "startsAt"), details);
    if (endsAt.isPresent()) {
      copyDetails(alert, List.of("endsAt"), details);
    }
    copyDetails(alert, shape.alertDetails(), details);
    details.putAll(groupDetails);

    return new AlertEvent(
        integration.id(),
        shape.format(),
        action,
        Optional.of(fingerprint),
        summary(labels, annotations),
        firstPresent(labels, "instance", "job").orElse(integration.name()),
        urgencyOf(labels.get("severity")),
        action == EventAction.RESOLVE ? endsAt.or(() -> startsAt) : startsAt,
        labels,
        details,
        alert.toString());
  }

  /**
   * The {@code severity} label as an urgency, case-insensitively. Labels are free-form, so a value
   * we do not know falls back to the integration's default rather than refusing the whole group.
   *
   * <pre>
   *   critical, highest → highest      error, high → high      warning, medium → medium
   *   info, low → low                  lowest → lowest         none, absent, other → default
   * </pre>
   */
  static Optional<Urgency> urgencyOf(String severity) {
    if (severity == null) {
      return Optional.empty();
    }
    return switch (severity.trim().toLowerCase(Locale.ROOT)) {
      case "critical", "highest" -> Optional.of(Urgency.HIGHEST);
      case "error", "high" -> Optional.of(Urgency.HIGH);
      case "warning", "medium" -> Optional.of(Urgency.MEDIUM);
      case "info", "low" -> Optional.of(Urgency.LOW);
      case "lowest" -> Optional.of(Urgency.LOWEST);
      default -> Optional.empty();
    };
  }

  /** The Prometheus-style fingerprint of a label set; see the class comment. */
  static String fingerprint(Map<String, String> labels) {
    long hash = FNV_OFFSET;
    for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
      hash = add(hash, label.getKey());
      hash = add(hash, SEPARATOR);
      hash = add(hash, label.getValue());
      hash = add(hash, SEPARATOR);
    }
    return String.format(Locale.ROOT, "%016x", hash);
  }

  private static long add(long hash, String text) {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash = add(hash, b & 0xff);
    }
    return hash;
  }

  private static long add(long hash, int octet) {
    return (hash ^ octet) * FNV_PRIME;
  }

  private static String summary(Map<String, String> labels, Map<String, String> annotations) {
    Optional<String> annotated =
        firstPresent(annotations, "summary", "description").filter(s -> !s.isBlank());
    if (annotated.isPresent()) {
      return annotated.get();
    }
    String name = labels.getOrDefault("alertname", "unnamed alert");
    List<String> others =
        new TreeMap<>(labels)
            .entrySet().stream()
                .filter(l -> !l.getKey().equals("alertname"))
                .map(l -> l.getKey() + "=" + l.getValue())
                .collect(Collectors.toList());
    if (others.isEmpty()) {
      return name;
    }
    String shown = String.join(", ", others.subList(0, Math.min(SUMMARY_LABELS, others.size())));
    return name + " (" + shown + (others.size() > SUMMARY_LABELS ? ", …" : "") + ")";
  }

  private static Optional<String> firstPresent(Map<String, String> map, String... keys) {
    for (String key : keys) {
      String value = map.get(key);
      if (value != null && !value.isBlank()) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }

  /** A time field; Go's zero time means "not set", as Alertmanager sends it for open alerts. */
  private static Optional<Instant> time(JsonNode alert, String path, String name) {
    return JsonFields.optionalTime(alert, path, name).filter(t -> !t.equals(GO_ZERO_TIME));
  }

  /** Copies the named fields that carry something (not null, not an empty string) into details. */
  private static void copyDetails(JsonNode from, List<String> fields, Map<String, Object> details) {
    for (String field : fields) {
      JsonNode value = from.get(field);
      if (JsonFields.absent(value) || (value.isTextual() && value.textValue().isBlank())) {
        continue;
      }
      details.put(field, JsonFields.toValue(value));
    }
  }

  private static Map<String, EventAction> statuses() {
    Map<String, EventAction> statuses = new LinkedHashMap<>();
    statuses.put("firing", EventAction.TRIGGER);
    statuses.put("resolved", EventAction.RESOLVE);
    return Collections.unmodifiableMap(statuses);
  }
}
