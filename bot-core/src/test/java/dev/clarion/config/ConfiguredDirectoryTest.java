package dev.clarion.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.clarion.alert.AlertFormat;
import dev.clarion.alert.IngestQuota;
import dev.clarion.alert.Integration;
import dev.clarion.alert.IntegrationId;
import dev.clarion.incident.Urgency;
import dev.clarion.service.ServiceId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfiguredDirectoryTest {

  @Test
  void rejectsTwoIntegrationsWithOneKeyWithoutNamingIt() {
    ClarionConfig config =
        withIntegrations(integration("one", "shared-key"), integration("two", "shared-key"));

    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ConfiguredDirectory(config))
        .withMessage("duplicate integration key");
  }

  @Test
  void findsIntegrationsByIdAndByKey() {
    ConfiguredDirectory directory =
        new ConfiguredDirectory(
            withIntegrations(integration("one", "key-one-1"), integration("two", "key-two-2")));

    assertThat(directory.integrations().findByKey("key-two-2"))
        .map(i -> i.id().value())
        .hasValue("two");
    assertThat(directory.integrations().find(new IntegrationId("one")))
        .map(Integration::key)
        .hasValue("key-one-1");
    assertThat(directory.integrations().findByKey("key-three")).isEmpty();
    assertThat(directory.integrations().all()).hasSize(2);
    assertThat(directory.integrations().toString()).doesNotContain("key-one-1");
  }

  @Test
  void loaderRejectsAChatIdentityOnTwoUsersAndUnknownPlatforms() {
    String yaml =
        """
        users:
          - id: kim
            email: kim@example.com
            chat: { slack: U1 }
          - id: lee
            email: lee@example.com
            chat: { slack: U1, slak: U2 }
        """;

    ConfigException e = catchConfigException(yaml);

    assertThat(e.getMessage())
        .contains(
            "clarion.yml:7:20: users[1].chat.slack: this slack identity is already given to"
                + " users[0].chat.slack (line 4)")
        .contains(
            "clarion.yml:7:24: users[1].chat.slak: unknown key 'slak' (did you mean 'slack'?)");
  }

  @Test
  void loaderAllowsSubscriptionConfirmationOnlyForCloudwatch() {
    String yaml =
        """
        services: [{ id: checkout }]
        integrations:
          - id: grafana
            format: grafana
            key: grafana-key
            default_service: checkout
            auto_confirm_subscriptions: true
        """;

    ConfigException e = catchConfigException(yaml);

    assertThat(e.getMessage())
        .contains(
            "clarion.yml:7:33: integrations[0].auto_confirm_subscriptions: only applies to"
                + " cloudwatch integrations");
  }

  private static ConfigException catchConfigException(String yaml) {
    try {
      ConfigLoader.parse(yaml, "clarion.yml", Map.of());
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("expected a ConfigException");
  }

  private static Integration integration(String id, String key) {
    return new Integration(
        new IntegrationId(id),
        id,
        key,
        AlertFormat.STANDARD,
        new ServiceId("checkout"),
        Urgency.HIGH,
        List.of(),
        IngestQuota.Rate.DEFAULT,
        false);
  }

  private static ClarionConfig withIntegrations(Integration... integrations) {
    return new ClarionConfig(
        ServerSettings.defaults(),
        DatabaseSettings.defaults(),
        IngestSettings.defaults(),
        List.of(),
        List.of(),
        List.of(),
        List.of(integrations),
        Path.of("clarion.yml"));
  }
}
