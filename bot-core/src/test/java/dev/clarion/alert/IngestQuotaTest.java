package dev.clarion.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.incident.Urgency;
import dev.clarion.service.ServiceId;
import dev.clarion.testkit.SettableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestQuotaTest {
  private final SettableClock clock = SettableClock.atDefaultStart();
  private final IngestQuota quota = new IngestQuota(clock);

  private static Integration integration(String id, double perSecond, int burst) {
    return new Integration(new IntegrationId(id), id, id + "-key-123", AlertFormat.STANDARD,
        new ServiceId("svc"), Urgency.HIGH, List.of(), new IngestQuota.Rate(perSecond, burst), false);
  }

  @Test
  void aBurstIsAllowedThenTheSenderIsToldWhenToComeBack() {
    Integration noisy = integration("noisy", 2, 3);
    for (int i = 0; i < 3; i++) {
      assertThat(quota.take(noisy, 1)).isZero();
    }
    assertThat(quota.take(noisy, 1)).isEqualTo(Duration.ofMillis(500));

    clock.advance(Duration.ofMillis(500));
    assertThat(quota.take(noisy, 1)).isZero();
  }

  @Test
  void eachIntegrationHasItsOwnBucketAndGroupsAreChargedPerAlert() {
    Integration a = integration("a", 1, 2);
    Integration b = integration("b", 1, 2);
    assertThat(quota.take(a, 2)).isZero();
    assertThat(quota.take(a, 1)).isPositive();
    assertThat(quota.take(b, 2)).as("b is not affected by a").isZero();
  }
}
