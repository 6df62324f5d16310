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

  @Test
  void runbooksBecomeRunButtonsAndTheNextEscalationAContextLine() {
    Map<String, String> f = Map.of("INCIDENT_ID", "42", "STATUS", "triggered",
        "INCIDENT_NAME", "disk full", "RUNBOOKS", "restart-api, clear-cache,, bad id;rm",
        "NEXT_ESCALATION", "03:45 → Kim via schedule db-primary");
    String blocks = com.slack.api.util.json.GsonFactory.createSnakeCase()
        .toJson(IncidentMessage.blocks(f));
    assertThat(blocks).contains("\"action_id\":\"clarion_runbook_0\"", "Run restart-api",
        "\"value\":\"restart-api 42\"", "Run clear-cache", "\"value\":\"clear-cache 42\"",
        "Next: 03:45 → Kim via schedule db-primary", IncidentMessage.ESCALATE)
        .doesNotContain("bad id", "clarion_runbook_2");
    assertThat(IncidentMessage.runbookCommand("restart-api 42")).contains("runbook run restart-api 42");
    assertThat(IncidentMessage.runbookCommand("restart-api 42 --yes")).isEmpty();
    assertThat(IncidentMessage.runbookCommand("x; 42")).isEmpty();

    Map<String, String> plain = Map.of("INCIDENT_ID", "42", "STATUS", "triggered",
        "INCIDENT_NAME", "disk full", "RUNBOOKS", "", "NEXT_ESCALATION", " ");
    assertThat(IncidentMessage.blocks(plain).toString()).doesNotContain("clarion_runbook", "Next:");
  }

  @Test
  void timelineRepliesAreEscapedMrkdwn() {
    assertThat(IncidentMessage.timelineText(Map.of("TIMELINE_KIND", "comment",
        "TIMELINE_ACTOR", "user:kim via slack", "TIMELINE_TEXT", "<script> & co")))
        .isEqualTo("*comment* · user:kim via slack\n&lt;script&gt; &amp; co");
  }

  @Test
  void signedActionValuesRunOnlyTheOfferedLineUntilTheyExpire() {
    dev.clarion.testkit.SettableClock clock = dev.clarion.testkit.SettableClock.atDefaultStart();
    SignedActions actions = new SignedActions("signing-secret", clock);
    String value = actions.sign("maint start checkout 30m --yes").orElseThrow();
    assertThat(actions.verify(value))
        .isEqualTo(new SignedActions.Verdict.Valid("maint start checkout 30m --yes"));

    String otherLine = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString("maint start checkout 9999m --yes".getBytes());
    assertThat(actions.verify(value.replaceFirst("^[^.]+", otherLine)))
        .isInstanceOf(SignedActions.Verdict.Forged.class);
    assertThat(actions.verify(value.replaceFirst("\\.[0-9]+\\.", ".99999999999.")))
        .isInstanceOf(SignedActions.Verdict.Forged.class);
    assertThat(new SignedActions("another-secret", clock).verify(value))
        .isInstanceOf(SignedActions.Verdict.Forged.class);
    assertThat(actions.verify("garbage")).isInstanceOf(SignedActions.Verdict.Forged.class);
    assertThat(actions.verify(null)).isInstanceOf(SignedActions.Verdict.Forged.class);

    clock.advance(SignedActions.TTL.plusSeconds(1));
    assertThat(actions.verify(value)).isInstanceOf(SignedActions.Verdict.Expired.class);
  }

  @Test
  void repliesWithActionsGetButtonsAndCancelRunsNothing() {
    SignedActions signer = new SignedActions("s", java.time.Clock.systemUTC());
    dev.clarion.api.Commands.Result preview = new dev.clarion.api.Commands.Result(true, "ok",
        "Maintenance for 30m would silence 1 service(s)", false, java.util.List.of(
            new dev.clarion.api.Commands.Action("Confirm", "maint start checkout 30m --yes",
                dev.clarion.api.Commands.Action.Style.PRIMARY),
            new dev.clarion.api.Commands.Action("Cancel", "",
                dev.clarion.api.Commands.Action.Style.DEFAULT)));
    String json = com.slack.api.util.json.GsonFactory.createSnakeCase()
        .toJson(ReplyMessage.blocks(preview, preview.text(), signer).orElseThrow());
    assertThat(json).contains("clarion_offer_0", "Confirm", "\"style\":\"primary\"",
        ReplyMessage.DISMISS, "Cancel").doesNotContain("maint start");
    assertThat(ReplyMessage.blocks(new dev.clarion.api.Commands.Result(true, "ok", "hi"), "hi",
        signer)).isEmpty();
  }
}
