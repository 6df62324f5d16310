package dev.clarion.http.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.alert.AlertEvent;
import dev.clarion.alert.AlertFormat;
import dev.clarion.alert.Integration;
import java.util.List;

/**
 * Grafana unified alerting's webhook contact point ({@code POST /integration/grafana/{apiKey}}).
 * The body is Alertmanager's alert group (see {@link AlertGroup}; same keys and {@code severity}
 * mapping) plus, per alert, {@code values}, {@code dashboardURL}, {@code panelURL}, {@code
 * silenceURL} and {@code imageURL}, and, per group, {@code title}, {@code state} and {@code
 * message}; all of those go into details (empty URLs are left out). Grafana numbers its webhook
 * {@code version} "1" and has changed it before, so it is not checked.
 */
public final class GrafanaFormat implements WireFormat {
  private static final AlertGroup.Shape SHAPE =
      new AlertGroup.Shape(
          AlertFormat.GRAFANA,
          List.of("values", "dashboardURL", "panelURL", "silenceURL", "imageURL"),
          List.of("externalURL", "groupKey", "title", "state", "message"));

  @Override
  public AlertFormat format() {
    return AlertFormat.GRAFANA;
  }

  @Override
  public List<AlertEvent> parse(JsonNode body, Integration integration) {
    return AlertGroup.parse(body, integration, SHAPE);
  }
}
