package dev.clarion.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.config.ClarionConfig;
import dev.clarion.config.ConfigLoader;
import dev.clarion.config.ConfiguredDirectory;
import dev.clarion.incident.IncidentId;
import dev.clarion.store.Transactions;
import dev.clarion.testkit.SettableClock;
import dev.clarion.user.UserId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class EscalationStepsTest {
  static final String PEOPLE =
      """
      users:
        - { id: kim, email: kim@example.com }
        - { id: lee, email: lee@example.com }
        - { id: park, email: park@example.com }
        - { id: vera, email: vera@example.com, role: viewer }
      teams:
        - { id: sre, members: [lee, park] }
        - { id: empty, members: [] }
      """;

  private final ConfiguredDirectory directory =
      new ConfiguredDirectory(ConfigLoader.parse(PEOPLE, "test.yml", Map.of()));
  private final List<Page> pages = new ArrayList<>();
  private final InMemoryNotificationLog log = new InMemoryNotificationLog();
  private final IncidentId incident = new IncidentId(7);

  private EscalationSteps steps(Random random) {
    Transactions direct = new Transactions() {
      @Override
      public <T> T inTransaction(Supplier<T> work) {
        return work.get();
      }
    };
    return new EscalationSteps(directory.users(), directory.teams(), (s, at) -> List.of(), log,
        pages::add, direct,
        SettableClock.atDefaultStart(), random);
  }

  private StepKey key(String step, int round) {
    return new StepKey(incident, "run-1", step, round);
  }

  @Test
  void aStepRunTwicePagesOnceAndAnswersTheSameRecipients() {
    EscalationSteps steps = steps(new Random());
    List<UserId> first = steps.run(key("step-1", 1), Target.parseList("random:sre, user:kim"));
    List<UserId> again = steps.run(key("step-1", 1), Target.parseList("random:sre, user:kim"));
    assertThat(again).isEqualTo(first);
    assertThat(pages).hasSize(1);
    assertThat(pages.get(0).reason()).startsWith("step-1 (round 1): paged ");
  }

  @Test
  void theSameStepInAnotherRoundOrRunPagesAgain() {
    EscalationSteps steps = steps(new Random());
    steps.run(key("step-1", 1), Target.parseList("user:kim"));
    steps.run(key("step-1", 2), Target.parseList("user:kim"));
    steps.run(new StepKey(incident, "run-2", "step-1", 1), Target.parseList("user:kim"));
    assertThat(pages).hasSize(3);
  }

  @Test
  void aRandomMemberIsAlwaysOnTheTeamAndEveryMemberGetsPicked() {
    EscalationSteps steps = steps(new Random(42));
    Set<UserId> picked = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      List<UserId> who = steps.run(key("step-" + i, 1), Target.parseList("random:sre"));
      assertThat(who).hasSize(1);
      picked.addAll(who);
    }
    assertThat(picked).containsExactlyInAnyOrder(new UserId("lee"), new UserId("park"));
  }

  @Test
  void previousRespondersAreEveryoneThisIncidentPagedBefore() {
    EscalationSteps steps = steps(new Random());
    steps.run(key("step-1", 1), Target.parseList("user:kim"));
    steps.run(key("step-2", 1), Target.parseList("team:sre"));
    assertThat(steps.run(key("step-3", 1), Target.parseList("previous")))
        .extracting(UserId::value).containsExactly("kim", "lee", "park");
  }

  @Test
  void everyoneMeansRespondersNotViewersAndAnEmptyTeamPagesNobodyVisibly() {
    EscalationSteps steps = steps(new Random());
    assertThat(steps.run(key("step-1", 1), Target.parseList("everyone")))
        .extracting(UserId::value).containsExactly("kim", "lee", "park");
    assertThat(steps.run(key("step-2", 1), Target.parseList("random:empty"))).isEmpty();
    assertThat(pages.get(1).reason()).contains("paged nobody");
  }

  @Test
  void targetsRoundTripThroughTheirText() {
    String text = "user:kim, team:sre, random:sre, previous, everyone";
    assertThat(Target.expression(Target.parseList(text))).isEqualTo(text);
    assertThat(Target.parse("group:x")).isEmpty();
  }
}
