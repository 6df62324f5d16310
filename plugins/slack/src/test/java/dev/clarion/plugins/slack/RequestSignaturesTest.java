package dev.clarion.plugins.slack;

import static dev.clarion.plugins.slack.RequestSignatures.Verdict.ACCEPTED;
import static dev.clarion.plugins.slack.RequestSignatures.Verdict.FORGED;
import static dev.clarion.plugins.slack.RequestSignatures.Verdict.MISSING;
import static dev.clarion.plugins.slack.RequestSignatures.Verdict.REPLAYED;
import static dev.clarion.plugins.slack.RequestSignatures.Verdict.STALE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.testkit.SettableClock;
import dev.clarion.testkit.SlackRequests;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestSignaturesTest {
  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private final SettableClock clock = SettableClock.atDefaultStart();
  private final RequestSignatures signatures = new RequestSignatures(SECRET, clock);

  private RequestSignatures.Verdict verify(Instant at, String body, String secret) {
    String ts = Long.toString(at.getEpochSecond());
    return signatures.verify(Optional.of(ts),
        Optional.of(SlackRequests.signature(secret, ts, body)),
        body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void acceptsWhatSlackSignsOnceOnly() {
    assertThat(verify(clock.instant(), "text=ack+1", SECRET)).isEqualTo(ACCEPTED);
    assertThat(verify(clock.instant(), "text=ack+1", SECRET)).isEqualTo(REPLAYED);
    assertThat(verify(clock.instant().minusSeconds(1), "text=ack+1", SECRET))
        .as("same body, another timestamp: another signature").isEqualTo(ACCEPTED);
  }

  @Test
  void refusesOtherSecretsAndAlteredBodies() {
    assertThat(verify(clock.instant(), "text=ack+1", "another-secret")).isEqualTo(FORGED);
    String ts = Long.toString(clock.instant().getEpochSecond());
    String signature = SlackRequests.signature(SECRET, ts, "text=ack+1");
    assertThat(signatures.verify(Optional.of(ts), Optional.of(signature),
        "text=resolve+1".getBytes(StandardCharsets.UTF_8))).isEqualTo(FORGED);
    assertThat(signatures.verify(Optional.of(ts), Optional.empty(), new byte[0]))
        .isEqualTo(MISSING);
    assertThat(signatures.verify(Optional.of("yesterday"), Optional.of(signature), new byte[0]))
        .isEqualTo(MISSING);
  }

  @Test
  void fiveMinuteWindowBothWays() {
    Instant now = clock.instant();
    assertThat(verify(now.minus(Duration.ofMinutes(5)), "a", SECRET)).isEqualTo(ACCEPTED);
    assertThat(verify(now.minus(Duration.ofMinutes(5)).minusSeconds(1), "b", SECRET))
        .isEqualTo(STALE);
    assertThat(verify(now.plus(Duration.ofMinutes(5)).plusSeconds(1), "c", SECRET))
        .isEqualTo(STALE);
  }

  @Test
  void forgetsSignaturesOnceTheyWouldBeStaleAnyway() {
    Instant sent = clock.instant();
    assertThat(verify(sent, "a", SECRET)).isEqualTo(ACCEPTED);
    clock.advance(Duration.ofMinutes(6));
    assertThat(verify(sent, "a", SECRET)).as("stale, not merely replayed").isEqualTo(STALE);
  }
}
