package dev.clarion.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarion.config.ClarionConfig;
import dev.clarion.config.ConfigException;
import dev.clarion.config.ConfigLoader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The escalation_policies: section of clarion.yml. */
class EscalationPolicyConfigTest {
  private static ClarionConfig parse(String policies) {
    return ConfigLoader.parse(EscalationStepsTest.PEOPLE + policies, "clarion.yml", Map.of());
  }

  @Test
  void readsSeed001sModel() {
    EscalationPolicy policy = parse("""
        escalation_policies:
          - id: db
            end_on: resolved
            repeat: 3
            final_notification: true
            steps:
              - users: [kim]
                wait_minutes: 10
              - teams: [sre]
                random_member_of: [sre]
                previous_responders: true
                wait_minutes: 30
        """).escalationPolicies().get(0);
    assertThat(policy.name()).isEqualTo("db");
    assertThat(policy.endOn()).isEqualTo(EscalationPolicy.EndCondition.RESOLVED);
    assertThat(policy.rounds()).isEqualTo(3);
    assertThat(policy.finalNotification()).isTrue();
    assertThat(policy.steps()).extracting(EscalationPolicy.Step::waitAfter)
        .containsExactly(Duration.ofMinutes(10), Duration.ofMinutes(30));
    assertThat(Target.expression(policy.steps().get(1).targets()))
        .isEqualTo("team:sre, random:sre, previous");
    assertThat(Target.expression(policy.everyone())).isEqualTo("user:kim, team:sre, previous");
  }

  @Test
  void reportsUnknownPeopleMissingWaitsAndBadValuesWithLines() {
    assertThatThrownBy(() -> parse("""
        escalation_policies:
          - id: db
            end_on: closed
            steps:
              - users: [kym]
                wait_minutes: 10
              - teams: [ops]
              - wait_minutes: 5
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("clarion.yml:13:")
        .hasMessageContaining("unknown end condition 'closed' (use acknowledged|resolved)")
        .hasMessageContaining("unknown user 'kym' (did you mean 'kim'?)")
        .hasMessageContaining("unknown team 'ops'")
        .hasMessageContaining("wait_minutes: required but missing")
        .hasMessageContaining("a step needs at least one target");
  }

  @Test
  void readsScheduleTargetsAndReportsAnUnknownScheduleWithItsLine() {
    String schedules = """
        schedules:
          - id: platform
            layers:
              - { name: base, rotation: weekly, start: 2026-03-02, members: [kim, lee] }
        """;
    EscalationPolicy policy = parse(schedules + """
        escalation_policies:
          - id: db
            steps:
              - { schedules: [platform], users: [kim], wait_minutes: 10 }
        """).escalationPolicies().get(0);
    assertThat(Target.expression(policy.steps().get(0).targets()))
        .isEqualTo("user:kim, schedule:platform");

    String bad = schedules + """
        escalation_policies:
          - id: db
            steps:
              - users: [kim]
                wait_minutes: 10
              - schedules: [platfrom]
                wait_minutes: 10
        """;
    String text = EscalationStepsTest.PEOPLE + bad;
    long line = text.substring(0, text.indexOf("[platfrom]")).lines().count();
    assertThatThrownBy(() -> parse(bad))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("clarion.yml:" + line + ":")
        .hasMessageContaining("unknown schedule 'platfrom' (did you mean 'platform'?)");
  }

  @Test
  void allowsTwentyStepsAtMost() {
    String step = "      - { users: [kim], wait_minutes: 1 }\n";
    String header = "escalation_policies:\n  - id: long\n    steps:\n";
    assertThat(parse(header + step.repeat(20)).escalationPolicies().get(0).steps()).hasSize(20);
    assertThatThrownBy(() -> parse(header + step.repeat(21)))
        .hasMessageContaining("at most 20 steps, found 21");
  }
}
