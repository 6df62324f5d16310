package dev.clarion.http.ingest;

import static dev.clarion.http.ingest.JsonFields.requiredOneOf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.alert.AlertEvent;
import dev.clarion.alert.AlertFormat;
import dev.clarion.alert.EventAction;
import dev.clarion.alert.Integration;
import dev.clarion.incident.Urgency;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CloudWatch alarms delivered by an SNS HTTP(S) subscription ({@code POST
 * /integration/cloudwatch/{apiKey}}). The body is the SNS envelope; {@code Type} says what it is:
 *
 * <ul>
 *   <li>{@code SubscriptionConfirmation}: no events; {@link #subscribeUrl} gives the URL to visit
 *       to confirm (the caller decides whether to). {@code UnsubscribeConfirmation}: no events.
 *   <li>{@code Notification}: {@code Message} is a JSON string holding the alarm.
 * </ul>
 *
 * <p>For an alarm, the dedup key is {@code AWSAccountId:Region:AlarmName}, since an alarm name is
 * unique only within one account and region. {@code NewStateValue} maps as:
 *
 * <pre>
 *   ALARM             → trigger, urgency high
 *   OK                → resolve
 *   INSUFFICIENT_DATA → trigger, urgency low (no data to judge by: worth a look, not a page)
 * </pre>
 *
 * Summary is {@code AlarmName: NewStateReason} (else the SNS {@code Subject}); source is the first
 * dimension's value, else the alarm name; labels are the namespace, metric name, region, account
 * and each dimension by name. A timestamp we cannot read is dropped rather than refusing the alarm.
 *
 * <p>A {@code Message} that is not a JSON alarm (someone published text to the topic) still becomes
 * an alert rather than being refused: summary is the {@code Subject} or the message's first line,
 * and the dedup key is {@code sns:MessageId}, so SNS's redeliveries of one message join one
 * incident.
 *
 * <p>Checking the SNS signature is the caller's job; this class only reads the body.
 */
public final class CloudWatchFormat implements WireFormat {
  static final String NOTIFICATION = "Notification";
  static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
  static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

  private static final Map<String, String> TYPES = types();
  private static final Map<String, Transition> STATES = states();

  private record Transition(EventAction action, Optional<Urgency> urgency) {}

  @Override
  public AlertFormat format() {
    return AlertFormat.CLOUDWATCH;
  }

  /** The URL that confirms an SNS subscription, when {@code body} asks for confirmation. */
  public static Optional<String> subscribeUrl(JsonNode body) {
    if (body == null || !body.isObject()) {
      return Optional.empty();
    }
    JsonNode type = body.get("Type");
    JsonNode url = body.get("SubscribeURL");
    if (type == null || !SUBSCRIPTION_CONFIRMATION.equals(type.textValue())) {
      return Optional.empty();
    }
    return url != null && url.isTextual() && !url.textValue().isBlank()
        ? Optional.of(url.textValue())
        : Optional.empty();
  }

  @Override
  public List<AlertEvent> parse(JsonNode body, Integration integration) {
    JsonFields.requireObjectBody(body);
    String type = requiredOneOf(body, "", "Type", TYPES);
    if (!type.equals(NOTIFICATION)) {
      return List.of();
    }
    String message = JsonFields.requiredText(body, "", "Message");
    Optional<JsonNode> alarm = alarm(message);
    return List.of(
        alarm.isPresent()
            ? alarmEvent(body, alarm.get(), integration)
            : textEvent(body, message, integration));
  }

  /** The message as an alarm, or empty when it is not a JSON object naming an alarm. */
  private static Optional<JsonNode> alarm(String message) {
    try {
      JsonNode node = JsonFields.MAPPER.readTree(message);
      return node != null && node.isObject() && node.path("AlarmName").isTextual()
          ? Optional.of(node)
          : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private AlertEvent alarmEvent(JsonNode envelope, JsonNode alarm, Integration integration) {
    String name = JsonFields.requiredText(alarm, "Message", "AlarmName");
    Transition transition = requiredOneOf(alarm, "Message", "NewStateValue", STATES);
    String account = text(alarm, "AWSAccountId").orElse("");
    String region = text(alarm, "Region").orElse("");
    String summary =
        text(alarm, "NewStateReason")
            .map(reason -> name + ": " + reason)
            .or(() -> text(envelope, "Subject"))
            .orElse(name);

    JsonNode trigger = alarm.path("Trigger");
    Map<String, String> dimensions = dimensions(trigger.path("Dimensions"));
    Map<String, String> labels = new LinkedHashMap<>();
    text(trigger, "Namespace").ifPresent(v -> labels.put("namespace", v));
    text(trigger, "MetricName").ifPresent(v -> labels.put("metric_name", v));
    if (!region.isEmpty()) {
      labels.put("region", region);
    }
    if (!account.isEmpty()) {
      labels.put("account", account);
    }
    dimensions.forEach(labels::putIfAbsent);

    Map<String, Object> details = new LinkedHashMap<>();
    for (String field :
        List.of(
            "AlarmDescription",
            "NewStateValue",
            "NewStateReason",
            "OldStateValue",
            "StateChangeTime",
            "Region",
            "AWSAccountId",
            "AlarmArn",
            "Trigger")) {
      JsonNode value = alarm.get(field);
      if (!JsonFields.absent(value)) {
        details.put(field, JsonFields.toValue(value));
      }
    }
    envelopeDetails(envelope, details);

    Optional<Instant> changed =
        text(alarm, "StateChangeTime")
            .flatMap(JsonFields::parseTime)
            .or(() -> text(envelope, "Timestamp").flatMap(JsonFields::parseTime));
    return new AlertEvent(
        integration.id(),
        format(),
        transition.action(),
        Optional.of(account + ":" + region + ":" + name),
        summary,
        dimensions.values().stream().findFirst().orElse(name),
        transition.urgency(),
        changed,
        labels,
        details,
        envelope.toString());
  }

  private AlertEvent textEvent(JsonNode envelope, String message, Integration integration) {
    String firstLine = message.strip().lines().findFirst().orElse(message);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("Message", message);
    envelopeDetails(envelope, details);
    return new AlertEvent(
        integration.id(),
        format(),
        EventAction.TRIGGER,
        text(envelope, "MessageId").map(id -> "sns:" + id),
        text(envelope, "Subject").orElse(firstLine),
        text(envelope, "TopicArn").orElse(integration.name()),
        Optional.empty(),
        text(envelope, "Timestamp").flatMap(JsonFields::parseTime),
        Map.of(),
        details,
        envelope.toString());
  }

  private static void envelopeDetails(JsonNode envelope, Map<String, Object> details) {
    for (String field : List.of("Subject", "TopicArn", "MessageId", "Timestamp")) {
      text(envelope, field).ifPresent(value -> details.put(field, value));
    }
  }

  /** Dimension name → value, in the alarm's order; anything malformed is skipped. */
  private static Map<String, String> dimensions(JsonNode dimensions) {
    Map<String, String> result = new LinkedHashMap<>();
    if (dimensions.isArray()) {
      for (JsonNode dimension : dimensions) {
        Optional<String> name = text(dimension, "name");
        Optional<String> value = text(dimension, "value");
        if (name.isPresent() && value.isPresent()) {
          result.putIfAbsent(name.get(), value.get());
        }
      }
    }
    return result;
  }

  /**
   * A non-blank string field, leniently: AWS writes these, and a field of an unexpected type should
   * not cost the alarm, so it counts as absent.
   */
  private static Optional<String> text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value != null && value.isTextual() && !value.textValue().isBlank()
        ? Optional.of(value.textValue())
        : Optional.empty();
  }

  private static Map<String, String> types() {
    Map<String, String> types = new LinkedHashMap<>();
    for (String type : List.of(NOTIFICATION, SUBSCRIPTION_CONFIRMATION, UNSUBSCRIBE_CONFIRMATION)) {
      types.put(type, type);
    }
    return Collections.unmodifiableMap(types);
  }

  private static Map<String, Transition> states() {
    Map<String, Transition> states = new LinkedHashMap<>();
    states.put("ALARM", new Transition(EventAction.TRIGGER, Optional.of(Urgency.HIGH)));
    states.put("OK", new Transition(EventAction.RESOLVE, Optional.empty()));
    states.put("INSUFFICIENT_DATA", new Transition(EventAction.TRIGGER, Optional.of(Urgency.LOW)));
    return Collections.unmodifiableMap(states);
  }
}
