package dev.clarion.http.ingest;

import dev.clarion.alert.AlertFormat;

/**
 * The one place that maps an {@link AlertFormat} to its parser. The switch has no default, so
 * adding a format without a parser does not compile. Parsers are stateless and shared.
 */
public final class WireFormats {
  private static final WireFormat STANDARD = new StandardFormat();
  private static final WireFormat PAGERDUTY = new PagerDutyFormat();
  private static final WireFormat ALERTMANAGER = new AlertmanagerFormat();
  private static final WireFormat GRAFANA = new GrafanaFormat();
  private static final WireFormat CLOUDWATCH = new CloudWatchFormat();

  private WireFormats() {}

  public static WireFormat forFormat(AlertFormat format) {
    return switch (format) {
      case STANDARD -> STANDARD;
      case PAGERDUTY -> PAGERDUTY;
      case ALERTMANAGER -> ALERTMANAGER;
      case GRAFANA -> GRAFANA;
      case CLOUDWATCH -> CLOUDWATCH;
    };
  }
}
