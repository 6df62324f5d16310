package dev.clarion.http.ingest;

import static dev.clarion.http.ingest.JsonFields.optionalNonBlankText;
import static dev.clarion.http.ingest.JsonFields.optionalObject;
import static dev.clarion.http.ingest.JsonFields.optionalText;
import static dev.clarion.http.ingest.JsonFields.optionalTime;
import static dev.clarion.http.ingest.JsonFields.requiredOneOf;
import static dev.clarion.http.ingest.JsonFields.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.alert.AlertEvent;
import dev.clarion.alert.AlertFormat;
import dev.clarion.alert.EventAction;
import dev.clarion.alert.Integration;
import dev.clarion.incident.Urgency;
import dev.clarion.problem.Problem;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PagerDuty Events API v2 ({@code POST /v2/enqueue}), so tools that can page PagerDuty can page
 * Clarion. The caller finds the integration by {@code routing_key}; here it only has to be present.
 *
 * <p>A trigger needs {@code payload} with {@code summary} (at most 1,024 characters, PagerDuty's
 * limit), {@code source} and {@code severity}; {@code dedup_key} is optional for a trigger and
 * required for acknowledge and resolve (at most 255 characters). Severity maps to urgency:
 *
 * <pre>
 *   critical → highest   error → high   warning → medium   info → low
 * </pre>
 *
 * {@code component}, {@code group}, {@code class}, {@code links}, {@code images}, {@code client}
 * and {@code client_url} become details; an object {@code custom_details} is merged into the
 * details, anything else is kept under the key {@code custom_details}.
 */
public final class PagerDutyFormat implements WireFormat {
  static final int MAX_SUMMARY = 1024;
  static final int MAX_DEDUP_KEY = 255;

  private static final Map<String, EventAction> ACTIONS = actions();
  private static final Map<String, Urgency> SEVERITIES = severities();
  private static final List<String> PAYLOAD_DETAILS = List.of("component", "group", "class");
  private static final List<String> BODY_DETAILS =
      List.of("links", "images", "client", "client_url");

  @Override
  public AlertFormat format() {
    return AlertFormat.PAGERDUTY;
  }

  @Override
  public List<AlertEvent> parse(JsonNode body, Integration integration) {
    JsonFields.requireObjectBody(body);
    requiredText(body, "", "routing_key");
    EventAction action = requiredOneOf(body, "", "event_action", ACTIONS);
    Optional<String> dedupKey = optionalNonBlankText(body, "", "dedup_key");
    dedupKey.ifPresent(
        key -> {
          if (key.length() > MAX_DEDUP_KEY) {
            throw Problem.invalid(
                "dedup_key",
                "dedup_key must be at most " + MAX_DEDUP_KEY + " characters; got " + key.length());
          }
        });
    if (action != EventAction.TRIGGER && dedupKey.isEmpty()) {
      throw Problem.invalid(
          "dedup_key",
          "dedup_key is required when event_action is "
              + (action == EventAction.ACKNOWLEDGE ? "acknowledge" : "resolve")
              + ": it names the alert to change");
    }
    Optional<JsonNode> payload = optionalObject(body, "", "payload");
    return List.of(
        action == EventAction.TRIGGER
            ? trigger(body, payload, dedupKey, integration)
            : change(body, action, payload, dedupKey.orElseThrow(), integration));
  }

  private AlertEvent trigger(
      JsonNode body,
      Optional<JsonNode> payloadField,
      Optional<String> dedupKey,
      Integration integration) {
    JsonNode payload =
        payloadField.orElseThrow(
            () ->
                Problem.invalid(
                    "payload",
                    "payload is required when event_action is trigger"
                        + " (with summary, source and severity)"));
    String summary = requiredText(payload, "payload", "summary");
    if (summary.length() > MAX_SUMMARY) {
      throw Problem.invalid(
          "payload.summary",
          "payload.summary must be at most "
              + MAX_SUMMARY
              + " characters (PagerDuty's limit); got "
              + summary.length());
    }
    String source = requiredText(payload, "payload", "source");
    Urgency urgency = requiredOneOf(payload, "payload", "severity", SEVERITIES);
    Optional<Instant> timestamp = optionalTime(payload, "payload", "timestamp");
    return new AlertEvent(
        integration.id(),
        format(),
        EventAction.TRIGGER,
        dedupKey,
        summary,
        source,
        Optional.of(urgency),
        timestamp,
        Map.of(),
        details(body, payload),
        body.toString());
  }

  /**
   * Acknowledge and resolve need only the key. A payload, if sent, still lends its summary and
   * source so the record reads well, but is not validated beyond types.
   */
  private AlertEvent change(
      JsonNode body,
      EventAction action,
      Optional<JsonNode> payload,
      String dedupKey,
      Integration integration) {
    String summary =
        payload
            .flatMap(p -> optionalText(p, "payload", "summary"))
            .filter(s -> !s.isBlank())
            .orElse((action == EventAction.ACKNOWLEDGE ? "acknowledge " : "resolve ") + dedupKey);
    String source =
        payload
            .flatMap(p -> optionalText(p, "payload", "source"))
            .filter(s -> !s.isBlank())
            .orElse(integration.name());
    return new AlertEvent(
        integration.id(),
        format(),
        action,
        Optional.of(dedupKey),
        summary,
        source,
        Optional.empty(),
        Optional.empty(),
        Map.of(),
        details(body, payload.orElse(null)),
        body.toString());
  }

  private static Map<String, Object> details(JsonNode body, JsonNode payload) {
    Map<String, Object> details = new LinkedHashMap<>();
    if (payload != null) {
      JsonNode custom = payload.get("custom_details");
      if (!JsonFields.absent(custom)) {
        if (custom.isObject()) {
          details.putAll(JsonFields.toMap(custom));
        } else {
          details.put("custom_details", JsonFields.toValue(custom));
        }
      }
      for (String field : PAYLOAD_DETAILS) {
        optionalText(payload, "payload", field).ifPresent(value -> details.put(field, value));
      }
    }
    for (String field : BODY_DETAILS) {
      JsonNode value = body.get(field);
      if (!JsonFields.absent(value)) {
        details.put(field, JsonFields.toValue(value));
      }
    }
    return details;
  }

  private static Map<String, EventAction> actions() {
    Map<String, EventAction> actions = new LinkedHashMap<>();
    actions.put("trigger", EventAction.TRIGGER);
    actions.put("acknowledge", EventAction.ACKNOWLEDGE);
    actions.put("resolve", EventAction.RESOLVE);
    return Collections.unmodifiableMap(actions);
  }

  private static Map<String, Urgency> severities() {
    Map<String, Urgency> severities = new LinkedHashMap<>();
    severities.put("critical", Urgency.HIGHEST);
    severities.put("error", Urgency.HIGH);
    severities.put("warning", Urgency.MEDIUM);
    severities.put("info", Urgency.LOW);
    return Collections.unmodifiableMap(severities);
  }
}
