package dev.clarion.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.clarion.alert.AlertFormat;
import dev.clarion.alert.Integration;
import dev.clarion.alert.IntegrationDirectory;
import dev.clarion.alert.IntegrationId;
import dev.clarion.incident.Level;
import dev.clarion.incident.Urgency;
import dev.clarion.routing.Router;
import dev.clarion.routing.RoutingDecision;
import dev.clarion.service.ServiceId;
import dev.clarion.team.TeamId;
import dev.clarion.user.Role;
import dev.clarion.user.UserId;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipped config/clarion.yml loads and does what its comments promise. */
class DemoConfigTest {
  // Tests run in bot-core; the demo file lives at the project root.
  private static final Path DEMO = Path.of("..", "config", "clarion.yml");

  private final ClarionConfig config = ConfigLoader.load(DEMO, Map.of());
  private final ConfiguredDirectory directory = new ConfiguredDirectory(config);

  @Test
  void loadsTheDemoEntities() {
    assertThat(config.source()).isEqualTo(DEMO);
    assertThat(config.services())
        .extracting(s -> s.id().value(), s -> s.impact())
        .containsExactly(
            tuple("checkout", Level.HIGH),
            tuple("payments-db", Level.HIGH),
            tuple("internal-tools", Level.LOW));
    assertThat(config.users())
        .extracting(u -> u.id().value(), u -> u.role())
        .containsExactly(
            tuple("admin", Role.ADMIN),
            tuple("kim", Role.RESPONDER),
            tuple("lee", Role.RESPONDER),
            tuple("viewer", Role.VIEWER));
    assertThat(directory.users().find(new UserId("kim")).orElseThrow().timeZone())
        .isEqualTo(ZoneId.of("Asia/Seoul"));
    assertThat(directory.teams().find(new TeamId("sre")).orElseThrow().members())
        .extracting(UserId::value)
        .containsExactly("admin", "kim", "lee");
    assertThat(config.integrations())
        .extracting(Integration::format)
        .containsExactlyInAnyOrder(AlertFormat.values());
  }

  @Test
  void demoKeysApplyUnlessTheEnvironmentSetsThem() {
    assertThat(directory.integrations().findByKey("demo-standard-key"))
        .map(i -> i.id().value())
        .hasValue("standard");

    ClarionConfig overridden =
        ConfigLoader.load(DEMO, Map.of("CLARION_DEMO_STANDARD_KEY", "from-the-environment"));
    IntegrationDirectory integrations = new ConfiguredDirectory(overridden).integrations();

    assertThat(integrations.findByKey("from-the-environment"))
        .map(i -> i.id().value())
        .hasValue("standard");
    assertThat(integrations.findByKey("demo-standard-key")).isEmpty();
  }

  @Test
  void settingsGetDurableH2AndLocalDefaults() {
    assertThat(config.database().url())
        .startsWith("jdbc:h2:file:./data/clarion;")
        .contains(";WRITE_DELAY=0", ";MODE=PostgreSQL");
    assertThat(config.server().publicUrlFor(8080).toString()).isEqualTo("http://127.0.0.1:8080");
    assertThat(config.ingest()).isEqualTo(IngestSettings.defaults());
  }

  @Test
  void seedRuleRoutesRdsAlertsToThePaymentsDatabase() {
    Integration standard =
        directory.integrations().find(new IntegrationId("standard")).orElseThrow();
    Router router = new Router();

    RoutingDecision rds =
        router.route(
            subject("RDS CPU high", Urgency.LOW), standard.rules(), standard.defaultService());
    RoutingDecision disk =
        router.route(
            subject("disk full", Urgency.LOW), standard.rules(), standard.defaultService());

    assertThat(rds.service()).isEqualTo(new ServiceId("payments-db"));
    assertThat(rds.urgency()).isEqualTo(Urgency.HIGH);
    assertThat(rds.rule()).hasValue("rds-to-db");
    assertThat(disk.service()).isEqualTo(new ServiceId("checkout"));
    assertThat(disk.rule()).isEmpty();
  }

  @Test
  void informationalAlertsAreDropped() {
    Integration standard =
        directory.integrations().find(new IntegrationId("standard")).orElseThrow();

    RoutingDecision decision =
        new Router()
            .route(
                subject("nightly backup done", Urgency.NONE),
                standard.rules(),
                standard.defaultService());

    assertThat(decision.dropped()).isTrue();
    assertThat(decision.rule()).hasValue("drop-informational");
  }

  @Test
  void findsUsersByChatIdentity() {
    assertThat(directory.users().findByChatIdentity("slack", "U024BE7LK"))
        .map(u -> u.id().value())
        .hasValue("kim");
    assertThat(directory.users().findByChatIdentity("telegram", "U024BE7LK")).isEmpty();
    assertThat(directory.services().find(new ServiceId("nope"))).isEmpty();
  }

  private static Router.Subject subject(String summary, Urgency urgency) {
    return new Router.Subject(summary, "test", urgency, Map.of(), Map.of());
  }
}
