package dev.clarion.http.ingest;

import static dev.clarion.http.ingest.JsonFields.optionalNonBlankText;
import static dev.clarion.http.ingest.JsonFields.optionalObject;
import static dev.clarion.http.ingest.JsonFields.optionalOneOf;
import static dev.clarion.http.ingest.JsonFields.optionalScalar;
import static dev.clarion.http.ingest.JsonFields.optionalText;
import static dev.clarion.http.ingest.JsonFields.optionalTime;
import static dev.clarion.http.ingest.JsonFields.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.alert.AlertEvent;
import dev.clarion.alert.AlertFormat;
import dev.clarion.alert.EventAction;
import dev.clarion.alert.Integration;
import dev.clarion.incident.Urgency;
import dev.clarion.problem.Problem;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AlertNow Standard API ({@code POST /integration/standard/v1/{apiKey}}): one alert per
 * request.
 *
 * <p>{@code status} open|ack|close (default open) becomes trigger/acknowledge/resolve; {@code
 * event_id} is the dedup key and is required for ack and close, since they must name what they
 * close. {@code urgency} uses Clarion's own six values; absent means the integration's default.
 * {@code custom_details} and the metric fields ({@code metric_name}, {@code threshold}, {@code
 * metric_value}, {@code event_type}) become details; {@code resource_name} is the source (the
 * integration's name when absent). Unknown fields are ignored.
 */
public final class StandardFormat implements WireFormat {
  private static final Map<String, EventAction> STATUSES = statuses();
  private static final Map<String, Urgency> URGENCIES = urgencies();
  private static final List<String> DETAIL_FIELDS =
      List.of("metric_name", "threshold", "metric_value", "event_type");

  @Override
  public AlertFormat format() {
    return AlertFormat.STANDARD;
  }

  @Override
  public List<AlertEvent> parse(JsonNode body, Integration integration) {
    JsonFields.requireObjectBody(body);
    String summary = requiredText(body, "", "summary");
    EventAction action = optionalOneOf(body, "", "status", STATUSES).orElse(EventAction.TRIGGER);
    Optional<String> eventId = optionalNonBlankText(body, "", "event_id");
    if (action != EventAction.TRIGGER && eventId.isEmpty()) {
      throw Problem.invalid(
          "event_id",
          "event_id is required when status is ack or close: it names the alert to "
              + (action == EventAction.ACKNOWLEDGE ? "acknowledge" : "close"));
    }
    Optional<Urgency> urgency = optionalOneOf(body, "", "urgency", URGENCIES);
    Optional<Instant> eventTime = optionalTime(body, "", "event_time");
    String source =
        optionalText(body, "", "resource_name")
            .filter(name -> !name.isBlank())
            .orElse(integration.name());

    Map<String, Object> details = new LinkedHashMap<>();
    optionalObject(body, "", "custom_details").ifPresent(d -> details.putAll(JsonFields.toMap(d)));
    // The named fields win over same-named custom details: they are the documented ones.
    for (String field : DETAIL_FIELDS) {
      optionalScalar(body, "", field).ifPresent(value -> details.put(field, value));
    }

    return List.of(
        new AlertEvent(
            integration.id(),
            format(),
            action,
            eventId,
            summary,
            source,
            urgency,
            eventTime,
            Map.of(),
            details,
            body.toString()));
  }

  private static Map<String, EventAction> statuses() {
    Map<String, EventAction> statuses = new LinkedHashMap<>();
    statuses.put("open", EventAction.TRIGGER);
    statuses.put("ack", EventAction.ACKNOWLEDGE);
    statuses.put("close", EventAction.RESOLVE);
    return Collections.unmodifiableMap(statuses);
  }

  private static Map<String, Urgency> urgencies() {
    Map<String, Urgency> urgencies = new LinkedHashMap<>();
    Arrays.stream(Urgency.values()).forEach(u -> urgencies.put(u.label(), u));
    return Collections.unmodifiableMap(urgencies);
  }
}
