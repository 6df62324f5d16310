package dev.clarion.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.api.Commands;
import dev.clarion.command.Reply;
import dev.clarion.incident.Level;
import dev.clarion.maintenance.Preview;
import dev.clarion.schedule.ScheduleId;
import dev.clarion.service.Service;
import dev.clarion.service.ServiceId;
import dev.clarion.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a chat user reads for each kind of reply. */
class ChatRepliesTest {
  private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
  private static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");

  @Test
  void onCallNamesThePersonAndWhenTheirStretchEndsInTheUsersZone() {
    Reply reply = new Reply.OnCallReply("On call now", List.of(
        new Reply.OnCallAnswer(new ScheduleId("db"), "DB primary", Optional.of(new UserId("kim")),
            Optional.of(Instant.parse("2026-11-23T09:00:00Z"))),
        new Reply.OnCallAnswer(new ScheduleId("web"), "Web", Optional.empty(), Optional.empty())),
        NOW);

    Commands.Result result = ChatReplies.result(reply, SEOUL);

    assertThat(result.ok()).isTrue();
    assertThat(result.text()).isEqualTo(
        "On call now\nDB primary: kim until Mon 23 Nov 18:00 KST\nWeb: nobody is on call");
    assertThat(result.actions()).isEmpty();
  }

  @Test
  void aMaintenancePreviewOffersConfirmWithTheExactCommandAndACancelThatRunsNothing() {
    Service checkout = new Service(new ServiceId("checkout"), "Checkout", "", Level.HIGH, Optional.empty());
    Reply reply = new Reply.MaintenancePreviewReply("Maintenance on checkout for 30m would silence:",
        new Preview(List.of(checkout), List.of(), List.of(), 12, Duration.ofMinutes(30)),
        "maint start checkout 30m deploy --yes");

    Commands.Result result = ChatReplies.result(reply, SEOUL);

    assertThat(result.shared()).isFalse();
    assertThat(result.text()).contains("Services: Checkout").contains("Alerts in the last hour: 12");
    assertThat(result.actions()).containsExactly(
        new Commands.Action("Confirm", "maint start checkout 30m deploy --yes", Commands.Action.Style.PRIMARY),
        new Commands.Action("Cancel", "", Commands.Action.Style.DEFAULT));
    assertThat(result.actions().get(1).dismisses()).isTrue();
  }
}
