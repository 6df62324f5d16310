package dev.clarion.plugins.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.api.ChannelContext;
import dev.clarion.api.Commands;
import dev.clarion.api.HttpRoutes;
import dev.clarion.api.Templates;
import dev.clarion.testkit.SettableClock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Retry-After parsing, both forms (RFC 9110 §10.2.3), on a settable clock. */
class WebhookChannelTest {
  private final SettableClock clock = SettableClock.atDefaultStart();
  private final WebhookChannel channel = new WebhookChannel();

  WebhookChannelTest() {
    channel.start(new ChannelContext() {
      public Map<String, Object> config() {
        return Map.of();
      }

      public HttpRoutes routes() {
        return null;
      }

      public Commands commands() {
        return null;
      }

      public Templates templates() {
        return null;
      }

      public java.time.Clock clock() {
        return clock;
      }

      public void count(String name) {}
    });
  }

  @Test
  void retryAfterInSecondsOrAsAnHttpDate() {
    assertThat(channel.retryAfter(Optional.of("120"))).contains(Duration.ofSeconds(120));
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        clock.instant().plusSeconds(90).atOffset(ZoneOffset.UTC));
    assertThat(channel.retryAfter(Optional.of(date))).contains(Duration.ofSeconds(90));
    assertThat(channel.retryAfter(Optional.of("soon"))).isEmpty();
    assertThat(channel.retryAfter(Optional.empty())).isEmpty();
  }
}
