package dev.clarion.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.api.IncidentButtons;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Incident buttons as the Telegram plugin signs them: no prefix, within 64 bytes of callback data. */
class CallbackDataTest {
  private final IncidentButtons data = new IncidentButtons("key".getBytes(StandardCharsets.UTF_8), "", 64);

  @Test
  void roundTripsAndFitsTelegramsSixtyFourBytes() {
    String signed = data.sign(IncidentButtons.Action.RESOLVE, Long.MAX_VALUE, "-1001234567890");
    assertThat(signed.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
    assertThat(data.verify(signed, "-1001234567890")).contains(
        new IncidentButtons.Press(IncidentButtons.Action.RESOLVE, Long.MAX_VALUE, ""));
  }

  @Test
  void runbookButtonsAreSignedOverTheRunbookAndLongIdsDoNotFit() {
    String signed = data.signRunbook("restart-db", 42, "55").orElseThrow();
    assertThat(signed.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
    assertThat(data.verify(signed, "55")).hasValueSatisfying(p ->
        assertThat(p.commandLine()).isEqualTo("runbook run restart-db 42"));
    assertThat(data.verify(signed.replace("restart-db", "drop-db"), "55")).isEmpty();
    assertThat(data.verify(signed.substring(0, signed.lastIndexOf(':')), "55")).isEmpty();
    assertThat(data.signRunbook("a-runbook-id-with-a-rather-long-name", Long.MAX_VALUE, "55"))
        .isEmpty();
    assertThat(data.signRunbook("rm -rf /", 42, "55")).isEmpty();
  }

  @Test
  void refusesAnotherIncidentActionChatOrKey() {
    String signed = data.sign(IncidentButtons.Action.ACK, 1, "55");
    String sig = signed.substring(signed.lastIndexOf(':') + 1);
    assertThat(data.verify("a:2:" + sig, "55")).isEmpty();
    assertThat(data.verify("r:1:" + sig, "55")).isEmpty();
    assertThat(data.verify(signed, "56")).isEmpty();
    assertThat(new IncidentButtons("other".getBytes(StandardCharsets.UTF_8), "", 64).verify(signed, "55"))
        .isEmpty();
    assertThat(data.verify("a:1", "55")).isEmpty();
    assertThat(data.verify("x:1:" + sig, "55")).isEmpty();
    assertThat(data.verify(null, "55")).isEmpty();
  }
}
