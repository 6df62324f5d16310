package dev.clarion.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarion.service.ServiceId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@code slack:} section: read, defaulted, and checked like every other section. */
class SlackConfigTest {
  private static final String SERVICES = """
      services:
        - id: checkout
      """;

  @Test
  void readsTokensChannelsAndDefaults() {
    ClarionConfig config = ConfigLoader.parse(SERVICES + """
        slack:
          bot_token: ${env:SLACK_BOT_TOKEN}
          signing_secret: s3cret
          command: incidents
          api_url: http://127.0.0.1:9/api
          channels:
            - channel: C123
              services: [checkout]
              events: [escalation, resolved]
        """, "clarion.yml", Map.of("SLACK_BOT_TOKEN", "xoxb-1"));

    SlackSettings slack = config.slack().orElseThrow();
    assertThat(slack.botToken()).isEqualTo("xoxb-1");
    assertThat(slack.command()).isEqualTo("/incidents");
    assertThat(slack.apiUrl()).contains("http://127.0.0.1:9/api/");
    assertThat(slack.globalPerSecond()).isEqualTo(10);
    assertThat(slack.channels()).containsExactly(new SlackSettings.ChannelRoute("C123",
        java.util.List.of(new ServiceId("checkout")), java.util.Set.of("escalation", "resolved")));
    assertThat(slack.toString()).doesNotContain("xoxb-1", "s3cret");
  }

  @Test
  void absentMeansNoSlack() {
    assertThat(ConfigLoader.parse(SERVICES, "clarion.yml", Map.of()).slack())
        .isEqualTo(Optional.empty());
  }

  @Test
  void unknownServiceEventAndMissingSecretAreReported() {
    assertThatThrownBy(() -> ConfigLoader.parse(SERVICES + """
        slack:
          bot_token: xoxb-1
          channels:
            - channel: C123
              services: [checkuot]
              events: [acked]
        """, "clarion.yml", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("signing_secret")
        .hasMessageContaining("checkuot")
        .hasMessageContaining("unknown event 'acked'");
  }
}
