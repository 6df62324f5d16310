package dev.clarion.http.ingest;

import static dev.clarion.http.ingest.Fixtures.integration;
import static dev.clarion.http.ingest.Fixtures.problem;
import static dev.clarion.http.ingest.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clarion.alert.AlertEvent;
import dev.clarion.alert.AlertFormat;
import dev.clarion.alert.EventAction;
import dev.clarion.incident.Urgency;
import dev.clarion.problem.Problem;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudWatchFormatTest {
  private static final String KEY = "123456789012:Asia Pacific (Seoul):prod-db-1-cpu";

  private final CloudWatchFormat format = new CloudWatchFormat();

  private List<AlertEvent> parse(ObjectNode body) {
    return format.parse(body, integration(AlertFormat.CLOUDWATCH));
  }

  private AlertEvent parseOne(ObjectNode body) {
    List<AlertEvent> events = parse(body);
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  /** The fixture with its alarm message edited by {@code edit}. */
  private static ObjectNode withAlarm(java.util.function.Consumer<ObjectNode> edit) {
    ObjectNode body = read("cloudwatch-sns-alarm.json");
    ObjectNode alarm = (ObjectNode) Fixtures.json(body.get("Message").textValue());
    edit.accept(alarm);
    body.put("Message", alarm.toString());
    return body;
  }

  @Test
  void alarmTriggersWithHighUrgencyKeyedByAccountRegionAndName() {
    ObjectNode body = read("cloudwatch-sns-alarm.json");

    AlertEvent event = parseOne(body);

    assertThat(event.format()).isEqualTo(AlertFormat.CLOUDWATCH);
    assertThat(event.action()).isEqualTo(EventAction.TRIGGER);
    assertThat(event.urgency()).contains(Urgency.HIGH);
    assertThat(event.dedupKey()).contains(KEY);
    assertThat(event.summary())
        .isEqualTo(
            "prod-db-1-cpu: Threshold Crossed: 1 datapoint [97.3] was greater than the threshold"
                + " (90.0).");
    assertThat(event.source()).isEqualTo("prod-db-1");
    assertThat(event.eventTime()).contains(Instant.parse("2026-11-23T03:12:45.123Z"));
    assertThat(event.labels())
        .containsEntry("namespace", "AWS/RDS")
        .containsEntry("metric_name", "CPUUtilization")
        .containsEntry("DBInstanceIdentifier", "prod-db-1")
        .containsEntry("account", "123456789012");
    assertThat(event.details())
        .containsEntry("AlarmDescription", "CPU over 90%")
        .containsEntry("OldStateValue", "OK")
        .containsEntry("TopicArn", "arn:aws:sns:ap-northeast-2:123456789012:clarion-alarms")
        .containsKey("Trigger");
    assertThat(Fixtures.json(event.raw())).isEqualTo(body);
  }

  @Test
  void okResolvesTheSameKey() {
    AlertEvent event =
        parseOne(
            withAlarm(
                a -> a.put("NewStateValue", "OK").put("NewStateReason", "Threshold not crossed")));

    assertThat(event.action()).isEqualTo(EventAction.RESOLVE);
    assertThat(event.dedupKey()).contains(KEY);
    assertThat(event.summary()).isEqualTo("prod-db-1-cpu: Threshold not crossed");
  }

  @Test
  void insufficientDataTriggersWithLowUrgency() {
    AlertEvent event = parseOne(withAlarm(a -> a.put("NewStateValue", "INSUFFICIENT_DATA")));

    assertThat(event.action()).isEqualTo(EventAction.TRIGGER);
    assertThat(event.urgency()).contains(Urgency.LOW);
    assertThat(event.dedupKey()).contains(KEY);
  }

  @Test
  void withoutReasonTheSubjectIsTheSummaryAndWithoutDimensionsTheAlarmIsTheSource() {
    AlertEvent event =
        parseOne(
            withAlarm(
                a -> {
                  a.remove("NewStateReason");
                  ((ObjectNode) a.get("Trigger")).remove("Dimensions");
                }));

    assertThat(event.summary()).isEqualTo("ALARM: \"prod-db-1-cpu\" in Asia Pacific (Seoul)");
    assertThat(event.source()).isEqualTo("prod-db-1-cpu");
  }

  @Test
  void subscriptionConfirmationYieldsItsUrlAndNoEvents() {
    ObjectNode body = read("cloudwatch-sns-subscription-confirmation.json");

    assertThat(CloudWatchFormat.subscribeUrl(body))
        .contains(
            "https://sns.ap-northeast-2.amazonaws.com/?Action=ConfirmSubscription"
                + "&TopicArn=arn:aws:sns:ap-northeast-2:123456789012:clarion-alarms"
                + "&Token=2336412f37fb687f5d51e6e2425e8a5be9ee5b5e3b1d7b1f4c6e7b8b9c0d1e2f");
    assertThat(parse(body)).isEmpty();
  }

  @Test
  void notificationsAndUnsubscribeConfirmationsHaveNoSubscribeUrl() {
    ObjectNode unsubscribe = read("cloudwatch-sns-subscription-confirmation.json");
    unsubscribe.put("Type", "UnsubscribeConfirmation");

    assertThat(CloudWatchFormat.subscribeUrl(read("cloudwatch-sns-alarm.json"))).isEmpty();
    assertThat(CloudWatchFormat.subscribeUrl(unsubscribe)).isEmpty();
    assertThat(parse(unsubscribe)).isEmpty();
  }

  @Test
  void plainTextMessageBecomesAnAlertInsteadOfFailing() {
    ObjectNode body = read("cloudwatch-sns-alarm.json");
    body.put("Message", "Backup job failed on prod-db-1\nexit code 3").remove("Subject");

    AlertEvent event = parseOne(body);

    assertThat(event.action()).isEqualTo(EventAction.TRIGGER);
    assertThat(event.summary()).isEqualTo("Backup job failed on prod-db-1");
    assertThat(event.dedupKey()).contains("sns:5b2c7f1e-8d1a-4c3e-9f0b-1a2b3c4d5e6f");
    assertThat(event.urgency()).isEmpty();
    assertThat(event.details())
        .containsEntry("Message", "Backup job failed on prod-db-1\nexit code 3");
  }

  @Test
  void plainTextMessageWithSubjectUsesTheSubject() {
    ObjectNode body = read("cloudwatch-sns-alarm.json");
    body.put("Message", "{not json").put("Subject", "Nightly backup failed");

    assertThat(parseOne(body).summary()).isEqualTo("Nightly backup failed");
  }

  @Test
  void unknownTypeIsRefusedNamingTheAllowedValues() {
    ObjectNode body = read("cloudwatch-sns-alarm.json");
    body.put("Type", "Alarm");

    Problem problem = problem(() -> parse(body));

    assertThat(problem.field()).contains("Type");
    assertThat(problem.getMessage())
        .isEqualTo(
            "Type must be one of Notification|SubscriptionConfirmation|UnsubscribeConfirmation;"
                + " got 'Alarm'");
  }

  @Test
  void unknownAlarmStateIsRefusedNamingTheAllowedValues() {
    ObjectNode body = withAlarm(a -> a.put("NewStateValue", "BROKEN"));

    Problem problem = problem(() -> parse(body));

    assertThat(problem.field()).contains("Message.NewStateValue");
    assertThat(problem.getMessage()).contains("ALARM|OK|INSUFFICIENT_DATA");
  }

  @Test
  void notificationWithoutMessageIsRefused() {
    ObjectNode body = read("cloudwatch-sns-alarm.json");
    body.remove("Message");

    assertThat(problem(() -> parse(body)).field()).contains("Message");
  }
}
