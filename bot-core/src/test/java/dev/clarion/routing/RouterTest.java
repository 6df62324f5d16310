package dev.clarion.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarion.incident.Urgency;
import dev.clarion.problem.Problem;
import dev.clarion.service.ServiceId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouterTest {
  private static final ServiceId SERVICE_1 = new ServiceId("bespin-service-1");
  private static final ServiceId SERVICE_2 = new ServiceId("bespin-service-2");
  private final Router router = new Router();

  private static Router.Subject alert(String summary) {
    return new Router.Subject(summary, "prod-db-1", Urgency.HIGH, Map.of("severity", "critical"),
        Map.of("region", "ap-northeast-2", "aws", Map.of("account", "prod")));
  }

  private static RoutingRule rule(String name, int priority, Condition condition, ServiceId to) {
    return new RoutingRule(name, priority, List.of(condition), Optional.ofNullable(to), Optional.empty(), false);
  }

  @Test
  void seed001SummaryContainsRdsGoesToService2ElseTheDefault() {
    List<RoutingRule> rules = List.of(rule("rds", 1, Condition.of("summary", Condition.Operator.CONTAINS, "RDS"), SERVICE_2));

    assertThat(router.route(alert("RDS CPU over 90%"), rules, SERVICE_1).service()).isEqualTo(SERVICE_2);
    assertThat(router.route(alert("rds storage low"), rules, SERVICE_1).service()).as("case-insensitive").isEqualTo(SERVICE_2);
    RoutingDecision other = router.route(alert("EC2 status check failed"), rules, SERVICE_1);
    assertThat(other.service()).isEqualTo(SERVICE_1);
    assertThat(other.rule()).isEmpty();
  }

  @Test
  void rulesRunInPriorityOrderAndTheFirstMatchWins() {
    List<RoutingRule> rules = List.of(
        rule("catch-all-db", 2, Condition.of("source", Condition.Operator.STARTS_WITH, "prod-db"), SERVICE_1),
        rule("critical", 1, Condition.of("labels.severity", Condition.Operator.EQUALS, "critical"), SERVICE_2));
    assertThat(router.route(alert("anything"), rules, SERVICE_1).rule()).contains("critical");
  }

  @Test
  void conditionsReachIntoNestedCustomDetailsAndCanSetUrgencyOrDrop() {
    RoutingRule lower = new RoutingRule("prod-lower", 1,
        List.of(Condition.of("details.aws.account", Condition.Operator.EQUALS, "prod"),
            Condition.of("details.region", Condition.Operator.MATCHES, "^ap-.*-2$")),
        Optional.empty(), Optional.of(Urgency.LOW), false);
    RoutingDecision decision = router.route(alert("x"), List.of(lower), SERVICE_1);
    assertThat(decision.urgency()).isEqualTo(Urgency.LOW);
    assertThat(decision.service()).isEqualTo(SERVICE_1);

    RoutingRule drop = new RoutingRule("drop", 1, List.of(Condition.of("details.missing", Condition.Operator.EXISTS, null)),
        Optional.empty(), Optional.empty(), true);
    assertThat(router.route(alert("x"), List.of(drop), SERVICE_1).dropped()).isFalse();
  }

  @Test
  void badConditionsAreRefusedWhenBuilt() {
    assertThatThrownBy(() -> Condition.of("sumary", Condition.Operator.CONTAINS, "x"))
        .isInstanceOf(Problem.class).hasMessageContaining("unknown field 'sumary'");
    assertThatThrownBy(() -> Condition.of("summary", Condition.Operator.MATCHES, "(unclosed"))
        .isInstanceOf(Problem.class).hasMessageContaining("not a valid regular expression");
  }
}
