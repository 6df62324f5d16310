package dev.clarion.http.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.alert.AlertEvent;
import dev.clarion.alert.AlertFormat;
import dev.clarion.alert.Integration;
import dev.clarion.problem.Problem;
import java.util.List;

/**
 * Prometheus Alertmanager's webhook, version 4 ({@code POST /integration/alertmanager/{apiKey}}).
 * One event per alert in the group; see {@link AlertGroup} for keys, summary, source and the {@code
 * severity} label mapping. Details carry the alert's annotations, {@code generatorURL}, {@code
 * startsAt}/{@code endsAt} and the group's {@code externalURL} and {@code groupKey}.
 *
 * <p>{@code version} may be omitted; if present it must be "4", the version this parser reads, so a
 * body from some other tool or a future version fails loudly instead of half-parsing.
 */
public final class AlertmanagerFormat implements WireFormat {
  static final String VERSION = "4";

  private static final AlertGroup.Shape SHAPE =
      new AlertGroup.Shape(AlertFormat.ALERTMANAGER, List.of(), List.of("externalURL", "groupKey"));

  @Override
  public AlertFormat format() {
    return AlertFormat.ALERTMANAGER;
  }

  @Override
  public List<AlertEvent> parse(JsonNode body, Integration integration) {
    JsonFields.requireObjectBody(body);
    JsonNode version = body.get("version");
    if (!JsonFields.absent(version)
        && !(version.isValueNode() && version.asText().equals(VERSION))) {
      throw Problem.invalid(
          "version", "version must be \"4\" (Alertmanager webhook version 4); got " + version);
    }
    return AlertGroup.parse(body, integration, SHAPE);
  }
}
