package dev.clarion.http.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.alert.AlertFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WireFormatsTest {
  @ParameterizedTest
  @EnumSource(AlertFormat.class)
  void everyFormatHasAParserThatSaysItIsThatFormat(AlertFormat format) {
    assertThat(WireFormats.forFormat(format).format()).isEqualTo(format);
  }

  @Test
  void formatsMapToTheirOwnClasses() {
    assertThat(WireFormats.forFormat(AlertFormat.STANDARD)).isInstanceOf(StandardFormat.class);
    assertThat(WireFormats.forFormat(AlertFormat.PAGERDUTY)).isInstanceOf(PagerDutyFormat.class);
    assertThat(WireFormats.forFormat(AlertFormat.ALERTMANAGER))
        .isInstanceOf(AlertmanagerFormat.class);
    assertThat(WireFormats.forFormat(AlertFormat.GRAFANA)).isInstanceOf(GrafanaFormat.class);
    assertThat(WireFormats.forFormat(AlertFormat.CLOUDWATCH)).isInstanceOf(CloudWatchFormat.class);
  }
}
