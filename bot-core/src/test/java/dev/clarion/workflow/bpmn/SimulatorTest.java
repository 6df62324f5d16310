package dev.clarion.workflow.bpmn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.config.ClarionConfig;
import dev.clarion.config.ConfigLoader;
import dev.clarion.config.ConfiguredDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The simulator runs the real BPMN on a virtual clock without touching the engine's clock. */
class SimulatorTest {
  static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");

  private static List<String> simulate(String policy, Optional<Duration> ackAfter) {
    ClarionConfig config = ConfigLoader.parse(EscalationHarness.PEOPLE + CompiledPolicyTest.POLICIES,
        "test.yml", Map.of());
    ConfiguredDirectory d = new ConfiguredDirectory(config);
    PolicyCatalog.Policy p = PolicyCatalog.load(config.escalationPolicies(), Optional.empty(),
            d.services(), d.users(), d.teams(), EscalationHarness.scheduleIds(config)).stream()
        .filter(x -> x.name().equals(policy)).findFirst().orElseThrow();
    Instant before = org.operaton.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant();
    List<String> lines = EscalationSimulator.simulate(p, d.users(), d.teams(),
            (s, at) -> List.of(), NINE, ackAfter, new Random(7)).stream()
        .map(e -> e.at().toString().substring(11, 16) + " " + e.what())
        .toList();
    assertThat(org.operaton.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant())
        .as("the engine clock is not moved").isBetween(before, before.plusSeconds(60));
    return lines;
  }

  @Test
  void printsWhoIsPagedWhenUntilAcknowledged() {
    assertThat(simulate("two-steps", Optional.of(Duration.ofMinutes(20))))
        .containsExactly(
            "09:00 step-1 (round 1): paged kim [user:kim]",
            "09:15 step-2 (round 1): paged lee, park, kim [team:sre, previous]",
            "09:20 acknowledged; escalation stops");
  }

  @Test
  void runsAllRoundsAndTheFinalNotificationWhenNobodyAnswers() {
    List<String> lines = simulate("until-resolved", Optional.of(Duration.ofMinutes(5)));
    assertThat(lines).hasSize(7);
    assertThat(lines.get(0)).isEqualTo("09:00 step-1 (round 1): paged kim [user:kim]");
    assertThat(lines.get(1))
        .isEqualTo("09:05 acknowledged; the policy ends on resolve, so it continues");
    assertThat(lines.get(2)).startsWith("09:10 step-2 (round 1): paged ");
    assertThat(lines.get(3)).isEqualTo("09:20 step-1 (round 2): paged kim [user:kim]");
    assertThat(lines.get(4)).startsWith("09:30 step-2 (round 2): paged ");
    assertThat(lines.get(5)).startsWith("09:40 final (round 2): paged ");
    assertThat(lines.get(6)).isEqualTo("09:40 escalation ends: nobody acknowledged");
  }

  @Test
  void laterSimulationsReuseTheEngineAndAreCheap() {
    ClarionConfig config = ConfigLoader.parse(EscalationHarness.PEOPLE + CompiledPolicyTest.POLICIES,
        "test.yml", Map.of());
    ConfiguredDirectory d = new ConfiguredDirectory(config);
    List<PolicyCatalog.Policy> policies = PolicyCatalog.load(config.escalationPolicies(),
        Optional.empty(), d.services(), d.users(), d.teams(), EscalationHarness.scheduleIds(config));
    List<Long> millis = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      long t0 = System.nanoTime();
      assertThat(EscalationSimulator.simulate(policies.get(i % policies.size()), d.users(),
          d.teams(), (s, at) -> List.of(), NINE, Optional.empty(), new Random(7))).isNotEmpty();
      millis.add((System.nanoTime() - t0) / 1_000_000);
    }
    System.out.println("simulations (ms; the first may build the engine): " + millis);
    assertThat(millis.subList(policies.size(), millis.size()).stream().mapToLong(Long::longValue)
        .min().orElseThrow()).isLessThan(1_000);
  }

  @Test
  void businessHoursAreJudgedOnTheVirtualClockAndAssignmentsShowInTheTimeline() throws Exception {
    ClarionConfig config = ConfigLoader.parse(EscalationHarness.PEOPLE + """
        calendars:
          office: { zone: UTC, hours: { weekdays: "09:00-18:00" } }
        """, "test.yml", Map.of());
    ConfiguredDirectory d = new ConfiguredDirectory(config);
    String xml = java.nio.file.Files.readString(
            EscalationHarness.workflowsDir().resolve("business-hours.bpmn"))
        .replace("isExecutable=\"false\"", "isExecutable=\"true\"");
    PolicyCatalog.Policy policy =
        new PolicyCatalog.Policy("business-hours", "business-hours.bpmn", xml);
    dev.clarion.schedule.OnCallResolver lee = (s, at) -> List.of(new dev.clarion.user.UserId("lee"));
    List<String> night = EscalationSimulator.simulate(policy, d.users(), d.teams(), lee,
            config.escalation().calendars(), NINE.plus(Duration.ofHours(12)), Optional.empty(),
            new Random(1)).stream()
        .map(e -> e.at().toString().substring(11, 16) + " " + e.what()).toList();
    assertThat(night).contains(
        "21:00 page-on-call (round 1): paged lee [schedule:platform]",
        "21:00 assigned to lee",
        "21:00 inform-lead (round 1): paged kim [user:kim]");
    assertThat(night).anyMatch(line -> line.startsWith("21:15 step-2 (round 1): paged lee, park"));
    List<String> day = EscalationSimulator.simulate(policy, d.users(), d.teams(), lee,
            config.escalation().calendars(), NINE, Optional.of(Duration.ofMinutes(5)),
            new Random(1)).stream()
        .map(e -> e.at().toString().substring(11, 16) + " " + e.what()).toList();
    assertThat(day).contains("09:00 page-team (round 1): paged lee, park [team:sre]",
        "09:05 acknowledged; escalation stops");
    assertThat(day).noneMatch(line -> line.contains("assigned"));
  }
}
