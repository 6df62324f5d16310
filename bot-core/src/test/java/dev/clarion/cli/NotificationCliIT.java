package dev.clarion.cli;

import static dev.clarion.cli.CliRun.clarion;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarion.app.RunningClarion;
import dev.clarion.store.jdbc.TestDatabases;
import dev.clarion.testkit.FakeChat;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code clarion plugins} and {@code clarion webhook preview|test} against a running server. */
class NotificationCliIT {
  private static RunningClarion clarion;
  private static String url;
  private static String token;

  @BeforeAll
  static void start() {
    clarion = RunningClarion.start("""
        server: { host: 127.0.0.1, port: 0 }
        database: { url: "%s" }
        services:
          - id: checkout
            name: Checkout
        users:
          - id: admin
            name: Admin
            email: admin@example.com
            role: admin
        webhooks:
          - id: ops
            services: [checkout]
            url: http://127.0.0.1:9/unused
            body: '{"text":"${SERVICE_NAME}: ${INCIDENT_NAME}"}'
        """.formatted(TestDatabases.h2Url()), Clock.systemUTC(), List.of(new FakeChat("slack")));
    url = clarion.base().toString();
    token = clarion.token("admin");
  }

  @AfterAll
  static void stop() {
    clarion.close();
  }

  @Test
  void pluginsListsLoadedChannelsWithCapabilities() {
    CliRun run = clarion("plugins", "--server", url, "--token", token);
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("slack").contains("buttons,edit_message");
  }

  @Test
  void webhookPreviewRendersTheBodyForASampleIncident() {
    CliRun run = clarion("webhook", "preview", "ops", "--server", url, "--token", token);
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("{\"text\":\"Sample service: Test notification from Clarion:"
        + " \\\"CPU > 90%\\\" on host-1\"}");
  }

  @Test
  void webhookTestWithoutTheWebhookPluginSaysSo() {
    CliRun run = clarion("webhook", "test", "ops", "--server", url, "--token", token);
    assertThat(run.exit()).isNotZero();
    assertThat(run.err()).contains("webhook plugin is not loaded");
    CliRun unknown = clarion("webhook", "preview", "nope", "--server", url, "--token", token);
    assertThat(unknown.err()).contains("no webhook 'nope'");
  }
}
