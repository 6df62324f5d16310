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

/**
 * The one-time link flow against a running server: {@code POST /api/v1/users/{id}/link-codes},
 * {@code clarion user link}, and a chat plugin redeeming the code through {@code Commands.link}.
 */
class UserLinkIT {
  private static final FakeChat TELEGRAM = new FakeChat("telegram");
  private static RunningClarion clarion;
  private static String url;

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
          - id: kim
            name: Kim
            email: kim@example.com
            role: responder
          - id: vic
            name: Vic
            email: vic@example.com
            role: viewer
        """.formatted(TestDatabases.h2Url()), Clock.systemUTC(), List.of(TELEGRAM));
    url = clarion.base().toString();
  }

  @AfterAll
  static void stop() {
    clarion.close();
  }

  @Test
  void anAdminsCodeLinksTheChatAccountOnceAndCommandsThenRunAsThatUser() {
    assertThat(TELEGRAM.press("5001", "incident new checkout disk full").code())
        .isEqualTo("unauthenticated");
    RunningClarion.Response r = clarion.post("/api/v1/users/kim/link-codes",
        "{\"channel\":\"telegram\"}", clarion.token("admin"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String code = r.json().path("code").asText();
    assertThat(code).matches("[A-Z0-9]{4}-[A-Z0-9]{4}");
    assertThat(r.json().path("user").asText()).isEqualTo("kim");
    assertThat(r.json().path("expires_at").asText()).isNotBlank();

    assertThat(TELEGRAM.link("5001", code).ok()).isTrue();
    var opened = TELEGRAM.press("5001", "incident new checkout disk full");
    assertThat(opened.ok()).as(opened.text()).isTrue();
    assertThat(clarion.get("/api/v1/audit", clarion.token("admin")).body())
        .contains("chat.link").contains("telegram:5001");

    var reused = TELEGRAM.link("5002", code);
    assertThat(reused.ok()).isFalse();
    assertThat(reused.text()).contains("wrong, already used or expired");
    assertThat(TELEGRAM.press("5002", "incident list").code()).isEqualTo("unauthenticated");
  }

  @Test
  void onlyAdminsMakeCodesForOthersAndBadInputIsNamed() {
    String vic = clarion.token("vic");
    assertThat(clarion.post("/api/v1/users/kim/link-codes", "{\"channel\":\"telegram\"}", vic)
        .status()).isEqualTo(403);
    assertThat(clarion.post("/api/v1/users/vic/link-codes", "{\"channel\":\"telegram\"}", vic)
        .status()).as("for oneself").isEqualTo(201);
    RunningClarion.Response noChannel =
        clarion.post("/api/v1/users/vic/link-codes", "{}", vic);
    assertThat(noChannel.status()).isEqualTo(400);
    assertThat(noChannel.body()).contains("channel");
    RunningClarion.Response webhook = clarion.post("/api/v1/users/vic/link-codes",
        "{\"channel\":\"webhook\"}", vic);
    assertThat(webhook.status()).isEqualTo(400);
    assertThat(webhook.body()).contains("webhook");
    assertThat(clarion.post("/api/v1/users/nobody/link-codes", "{\"channel\":\"telegram\"}",
        clarion.token("admin")).status()).isEqualTo(404);
    assertThat(clarion.post("/api/v1/users/kim/link-codes", "{\"channel\":\"telegram\"}")
        .status()).isEqualTo(401);
  }

  @Test
  void cliUserLinkPrintsTheCodeAndHowToUseIt() {
    CliRun run = clarion("user", "link", "kim", "--channel", "telegram", "--server", url,
        "--token", clarion.token("admin"));
    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).containsPattern("[A-Z0-9]{4}-[A-Z0-9]{4}")
        .contains("/link ").contains("private chat");
    String code = run.out().lines().findFirst().orElseThrow().strip();
    assertThat(TELEGRAM.link("6001", code.toLowerCase(java.util.Locale.ROOT)).ok()).isTrue();

    CliRun bad = clarion("user", "link", "kim", "--channel", "fax", "--server", url,
        "--token", clarion.token("admin"));
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("'fax'");
  }
}
