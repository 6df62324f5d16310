package dev.clarion.plugins.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import dev.clarion.api.DeliveryResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackChannelTest {
  private static DeliveryResult failed(String error) {
    ChatPostMessageResponse response = new ChatPostMessageResponse();
    response.setOk(false);
    response.setError(error);
    return SlackChannel.failed("chat.postMessage", response);
  }

  @Test
  void slackErrorsAreTransientOnlyWhenRetryingCanHelp() {
    assertThat(failed("internal_error")).isEqualTo(
        new DeliveryResult.Failed(false, "chat.postMessage: internal_error"));
    assertThat(failed("service_unavailable")).isInstanceOf(DeliveryResult.Failed.class)
        .extracting(r -> ((DeliveryResult.Failed) r).permanent()).isEqualTo(false);
    for (String error : new String[] {"channel_not_found", "not_in_channel", "invalid_auth",
        "invalid_blocks", "is_archived"}) {
      assertThat(((DeliveryResult.Failed) failed(error)).permanent()).as(error).isTrue();
    }
  }

  @Test
  void retryAfterIsDeltaSecondsWithADefault() {
    assertThat(SlackChannel.retryAfter("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(SlackChannel.retryAfter(null)).isEqualTo(SlackChannel.DEFAULT_RETRY_AFTER);
    assertThat(SlackChannel.retryAfter("soon")).isEqualTo(SlackChannel.DEFAULT_RETRY_AFTER);
  }

  @Test
  void resolvedIncidentsLoseTheirButtons() {
    Map<String, String> open = Map.of("INCIDENT_ID", "42", "STATUS", "acknowledged",
        "INCIDENT_NAME", "disk full");
    assertThat(IncidentMessage.blocks(open).toString()).contains(IncidentMessage.RESOLVE);
    Map<String, String> resolved = Map.of("INCIDENT_ID", "42", "STATUS", "resolved",
        "INCIDENT_NAME", "disk full");
    assertThat(IncidentMessage.blocks(resolved).toString()).doesNotContain(IncidentMessage.ACK);
    assertThat(IncidentMessage.text(resolved)).isEqualTo("#42 disk full [resolved]");
  }
}
