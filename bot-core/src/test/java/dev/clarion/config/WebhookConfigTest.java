package dev.clarion.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The channels: and webhooks: sections: defaults, and every mistake reported with its line. */
class WebhookConfigTest {
  private static final String BASE = """
      services:
        - id: checkout
      users:
        - id: admin
          email: admin@example.com
      """;

  @Test
  void aWebhookReadsAllOfSeed001sFields() {
    ClarionConfig config = ConfigLoader.parse(BASE + """
        channels:
          link_secret: 0123456789abcdef-secret
          max_attempts: 5
        webhooks:
          - id: ops
            name: Ops room
            services: [checkout]
            events: [escalation, resolved]
            url_encode: true
            url: https://hooks.example.com/x
            method: put
            headers: { X-Token: abc, Content-Type: application/x-www-form-urlencoded }
            body: text=${INCIDENT_NAME}
            locale: ko
            time_zone: Asia/Seoul
        """, "t.yml", Map.of());
    WebhookSettings w = config.webhooks().get(0);
    assertThat(w.method()).isEqualTo("PUT");
    assertThat(w.events()).containsExactlyInAnyOrder("escalation", "resolved");
    assertThat(w.urlEncode()).isTrue();
    assertThat(w.headers()).containsEntry("X-Token", "abc");
    assertThat(w.locale()).isEqualTo(Locale.forLanguageTag("ko"));
    assertThat(w.toString()).doesNotContain("abc");
    assertThat(config.channels().maxAttempts()).isEqualTo(5);
    assertThat(config.channels().linkSecret()).isPresent();
  }

  @Test
  void mistakesAreReportedWithTheirLines() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () ->
        ConfigLoader.parse(BASE + """
            channels:
              link_secret: short
              colour: blue
            webhooks:
              - id: ops
                services: [checkot]
                events: [escalate]
                url: ftp://x
                method: DELETE
            """, "t.yml", Map.of()));
    assertThat(e.errors()).extracting(ConfigError::line, ConfigError::message)
        .anySatisfy(t -> assertThat(t.toList()).containsExactly(7, "must be at least 16"
            + " characters long"))
        .anySatisfy(t -> assertThat(t.toList().get(0)).isEqualTo(8))
        .anySatisfy(t -> assertThat((String) t.toList().get(1))
            .contains("unknown service 'checkot'", "did you mean 'checkout'"))
        .anySatisfy(t -> assertThat((String) t.toList().get(1))
            .contains("unknown event 'escalate'"))
        .anySatisfy(t -> assertThat((String) t.toList().get(1))
            .contains("expected an http:// or https:// URL"))
        .anySatisfy(t -> assertThat((String) t.toList().get(1))
            .contains("unknown method 'DELETE'", "GET|POST|PUT|PATCH"));
  }
}
