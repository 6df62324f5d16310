package dev.clarion.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every problem names file:line:column and the key path. Line and column numbers below are counted
 * by hand in the text blocks (1-based, as an editor shows them).
 */
class ConfigErrorsTest {
  private static final String FILE = "config/clarion.yml";

  private static final String SERVICE_AND_INTEGRATION_HEAD =
      """
      services:
        - id: checkout
      integrations:
        - id: prom
          format: standard
          key: prom-key-123
          default_service: checkout
      """;

  @Test
  void unknownKeySuggestsTheKnownOne() {
    ConfigException e =
        errorsIn(
            """
            services:
              - id: checkout
                descripton: Web shop
            """);

    assertThat(e.getMessage())
        .contains(
            FILE
                + ":3:5: services[0].descripton: unknown key 'descripton'"
                + " (did you mean 'description'?)");
  }

  @Test
  void unknownKeyFarFromAnyKnownOneListsThem() {
    ConfigException e = errorsIn("server:\n  colour: blue\n");

    assertThat(e.getMessage())
        .contains(FILE + ":2:3: server.colour: unknown key 'colour' (known keys: host, port,");
  }

  @Test
  void unknownOperatorListsTheAllowedOnes() {
    ConfigException e =
        errorsIn(
            SERVICE_AND_INTEGRATION_HEAD
                + """
                    rules:
                      - name: rds-to-db
                        when:
                          - field: summary
                            op: containz
                            value: RDS
                        route_to: checkout
                """);

    assertThat(e.errors()).hasSize(1);
    assertThat(e.getMessage())
        .contains(
            FILE
                + ":12:17: integrations[0].rules[0].when[0].op: unknown operator 'containz'"
                + " (use contains|not_contains|equals|not_equals|starts_with|matches|exists)");
  }

  @Test
  void badEnumValueNamesTheChoices() {
    ConfigException e =
        errorsIn(
            """
            services:
              - id: checkout
                impact: hihg
            """);

    assertThat(e.getMessage())
        .contains(FILE + ":3:13: services[0].impact: unknown impact 'hihg' (use high|medium|low)");
  }

  @Test
  void missingRequiredFieldPointsAtItsMapping() {
    ConfigException e =
        errorsIn(
            """
            services:
              - id: checkout
            integrations:
              - id: prom
                format: standard
                default_service: checkout
            """);

    assertThat(e.errors()).hasSize(1);
    assertThat(e.getMessage()).contains(FILE + ":4:5: integrations[0].key: required but missing");
  }

  @Test
  void unknownServiceIsReportedAtTheReference() {
    ConfigException e =
        errorsIn(
            """
            services:
              - id: checkout
            integrations:
              - id: prom
                format: standard
                key: prom-key-123
                default_service: chekout
            """);

    assertThat(e.getMessage())
        .contains(
            FILE
                + ":7:22: integrations[0].default_service: unknown service 'chekout'"
                + " (did you mean 'checkout'?)");
  }

  @Test
  void unknownTeamMemberIsReportedAtTheListItem() {
    ConfigException e =
        errorsIn(
            """
            users:
              - id: kim
                email: kim@example.com
            teams:
              - id: sre
                members: [kim, bob]
            """);

    assertThat(e.getMessage())
        .contains(FILE + ":6:20: teams[0].members[1]: unknown user 'bob' (defined: kim)");
  }

  @Test
  void duplicateIdNamesTheFirstDefinition() {
    ConfigException e =
        errorsIn(
            """
            services:
              - id: checkout
              - id: checkout
            """);

    assertThat(e.getMessage())
        .contains(
            FILE
                + ":3:9: services[1].id: duplicate service id 'checkout'"
                + " (first defined at services[0].id, line 2)");
  }

  @Test
  void badTimeZoneSuggestsCloseZoneIds() {
    ConfigException e =
        errorsIn(
            """
            users:
              - id: kim
                email: kim@example.com
                time_zone: Asia/Seol
            """);

    assertThat(e.getMessage())
        .contains(FILE + ":4:16: users[0].time_zone: unknown time zone 'Asia/Seol'")
        .contains("did you mean 'Asia/Seoul'");
  }

  @Test
  void missingEnvironmentVariableIsNamedWithItsLine() {
    ConfigException e =
        errorsIn(
            """
            services:
              - id: checkout
            integrations:
              - id: prom
                format: standard
                key: ${env:PROM_KEY}
                default_service: checkout
            """);

    assertThat(e.errors()).hasSize(1);
    assertThat(e.getMessage())
        .contains(FILE + ":6:10: integrations[0].key: environment variable PROM_KEY is not set");
  }

  @Test
  void environmentValuesAndDefaultsAreSubstituted() {
    String yaml =
        """
        server:
          port: ${env:PORT:-9090}
          host: ${env:HOST:-0.0.0.0}
        """;

    ClarionConfig withDefaults = ConfigLoader.parse(yaml, FILE, Map.of());
    ClarionConfig fromEnvironment = ConfigLoader.parse(yaml, FILE, Map.of("PORT", "7070"));

    assertThat(withDefaults.server().port()).isEqualTo(9090);
    assertThat(withDefaults.server().host()).isEqualTo("0.0.0.0");
    assertThat(fromEnvironment.server().port()).isEqualTo(7070);
  }

  @Test
  void secretValuesNeverAppearInMessages() {
    String secret = "Sup3r$ecret";
    ConfigException e =
        errorsIn(
            """
            services:
              - id: checkout
            integrations:
              - id: one
                format: standard
                key: ${env:SHARED_KEY}
                default_service: checkout
              - id: two
                format: grafana
                key: ${env:SHARED_KEY}
                default_service: checkout
              - id: three
                format: grafana
                key: short
                default_service: checkout
            database:
              url: ${env:DB_URL}
            """,
            Map.of("SHARED_KEY", secret, "DB_URL", "jdbc:mysql://db?password=" + secret));

    assertThat(e.getMessage())
        .contains(FILE + ":10:10: integrations[1].key: may only contain letters")
        .contains(FILE + ":14:10: integrations[2].key: must be at least 8 characters long")
        .contains(FILE + ":17:8: database.url: unsupported database URL")
        .doesNotContain(secret)
        .doesNotContain("short");
  }

  @Test
  void duplicateIntegrationKeysAreReportedWithoutTheKey() {
    ConfigException e =
        errorsIn(
            SERVICE_AND_INTEGRATION_HEAD
                + """
                  - id: other
                    format: grafana
                    key: prom-key-123
                    default_service: checkout
                """);

    assertThat(e.getMessage())
        .contains(
            FILE
                + ":10:10: integrations[1].key: same key as integrations[0].key (line 6);"
                + " every integration needs its own key")
        .doesNotContain("prom-key-123");
  }

  @Test
  void reportsEveryProblemInOnePassInFileOrder() {
    ConfigException e =
        errorsIn(
            """
            server:
              prot: 8080
            services:
              - id: Checkout
                impact: huge
            users:
              - id: kim
                email: not-an-address
            teams:
              - id: sre
                members: [lee]
            """);

    assertThat(e.errors())
        .extracting(ConfigError::line, ConfigError::path)
        .containsExactly(
            tuple(2, "server.prot"),
            tuple(4, "services[0].id"),
            tuple(5, "services[0].impact"),
            tuple(8, "users[0].email"),
            tuple(11, "teams[0].members[0]"));
    assertThat(e.getMessage().lines()).hasSize(6).first().isEqualTo("5 configuration errors:");
    assertThat(e.getMessage()).contains("(did you mean 'port'?)");
  }

  @Test
  void ruleMustDoSomethingAndPrioritiesMustDiffer() {
    ConfigException e =
        errorsIn(
            SERVICE_AND_INTEGRATION_HEAD
                + """
                    rules:
                      - name: first
                        when: [{ field: source, op: exists }]
                        drop: true
                      - name: idle
                        priority: 1
                        when: [{ field: sumary, op: equals, value: x }]
                """);

    assertThat(e.getMessage())
        .contains(FILE + ":12:9: integrations[0].rules[1]: a rule must route_to a service,")
        .contains(
            FILE
                + ":13:19: integrations[0].rules[1].priority: priority 1 is also used by"
                + " integrations[0].rules[0] (line 9)")
        .contains(FILE + ":14:25: integrations[0].rules[1].when[0].field: unknown field 'sumary'");
    assertThat(e.getMessage()).contains("(did you mean 'summary'?)");
  }

  @Test
  void syntaxErrorsCarryTheirPosition() {
    ConfigException e = errorsIn("services:\n  - id: checkout\n   name: x\n");

    assertThat(e.errors()).hasSize(1);
    assertThat(e.errors().get(0).line()).isEqualTo(3);
    assertThat(e.getMessage()).contains(FILE + ":3:").contains("invalid YAML");
  }

  @Test
  void loadNamesTheFileAsGiven(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("clarion.yml");
    Files.writeString(file, "ingest:\n  max_batch: 0\n");

    ConfigException e = catchConfigException(() -> ConfigLoader.load(file, Map.of()));

    assertThat(e.getMessage())
        .contains(file + ":2:14: ingest.max_batch: expected a whole number from 1 to 10000");
  }

  private static ConfigException errorsIn(String yaml) {
    return errorsIn(yaml, Map.of());
  }

  private static ConfigException errorsIn(String yaml, Map<String, String> env) {
    return catchConfigException(() -> ConfigLoader.parse(yaml, FILE, env));
  }

  private static ConfigException catchConfigException(Runnable load) {
    try {
      load.run();
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("expected a ConfigException");
  }
}
