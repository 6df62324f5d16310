package dev.clarion.plugins.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.app.ClarionServer;
import dev.clarion.config.ConfigLoader;
import dev.clarion.incident.IncidentId;
import dev.clarion.incident.IncidentStatus;
import dev.clarion.notification.Notification;
import dev.clarion.notification.NotificationStatus;
import dev.clarion.notification.NotifyRequest;
import dev.clarion.notification.Recipient;
import dev.clarion.user.UserId;
import dev.clarion.testkit.FakeTelegramBotApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Telegram channel end to end: a real Clarion with the plugin, a loopback fake Bot API. */
class TelegramChannelIT {
  private static final String TOKEN = "4242:test-token";
  private static final long GROUP = -100200;
  private static final long ADMIN = 1001;
  private static final long STRANGER = 5555;
  private static final String SECRET = "webhook-secret-0123";
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final HttpClient http = HttpClient.newHttpClient();
  private final String database = UUID.randomUUID().toString();
  private FakeTelegramBotApi fake;
  private ClarionServer clarion;

  @BeforeEach
  void fake() {
    fake = new FakeTelegramBotApi(TOKEN, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    if (clarion != null) {
      clarion.close();
    }
    fake.close();
  }

  private ClarionServer start(String mode) {
    return start(mode, Path.of("target/no-plugins-here"));
  }

  private ClarionServer start(String mode, Path pluginsDir) {
    String yaml = """
        server: { host: 127.0.0.1, port: 0 }
        database: { url: "jdbc:h2:mem:%s;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" }
        services:
          - id: checkout
            name: Checkout
            impact: high
        users:
          - id: admin
            name: Admin
            email: admin@example.com
            role: admin
            chat: { telegram: "%d" }
          - id: kim
            name: Kim
            email: kim@example.com
            role: responder
        integrations:
          - id: standard
            name: Standard
            format: standard
            key: standard-key-123
            default_service: checkout
        channels:
          link_secret: test-link-secret-0123456789
          plugins_dir: "%s"
        telegram:
          token: "%s"
          api_url: %s
          mode: %s
          webhook_secret: %s
          chats:
            - id: "%d"
              services: [checkout]
        """.formatted(database, ADMIN, pluginsDir.toAbsolutePath(), TOKEN, fake.baseUrl(), mode,
            SECRET, GROUP);
    return ClarionServer.start(ConfigLoader.parse(yaml, "test.yml", Map.of()), Clock.systemUTC());
  }

  private void alert(String summary) {
    HttpResponse<String> r = post("/integration/standard/v1/standard-key-123", Map.of(),
        "{\"summary\":\"" + summary + "\",\"event_id\":\"" + UUID.randomUUID() + "\"}");
    assertThat(r.statusCode()).isEqualTo(202);
  }

  private HttpResponse<String> post(String path, Map<String, String> headers, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + clarion.port() + path))
        .header("Content-Type", "application/json")
        .timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private IncidentStatus status(long incident) {
    return clarion.incidents().get(new IncidentId(incident)).status();
  }

  private FakeTelegramBotApi.Message onlyMessage() {
    await().atMost(WAIT).until(() -> fake.messages(GROUP).size() == 1);
    return fake.messages(GROUP).get(0);
  }

  private List<String> repliesIn(long chat) {
    return fake.calls("sendMessage").stream()
        .filter(c -> c.errorCode() == 0 && c.param("chat_id").equals(Long.toString(chat))
            && c.param("parse_mode") == null)
        .map(c -> c.param("text")).toList();
  }

  private Optional<String> answerTo(JsonNode update) {
    String id = update.path("callback_query").path("id").asText();
    return fake.calls("answerCallbackQuery").stream()
        .filter(c -> id.equals(c.param("callback_query_id"))).map(c -> c.param("text"))
        .findFirst();
  }

  @Test
  void pageArrivesWithKeyboardAndPressesAcknowledgeThenResolve() {
    clarion = start("polling");
    await().atMost(WAIT).until(() -> !fake.calls("setMyCommands").isEmpty());
    assertThat(fake.commands()).extracting(c -> c.path("command").asText())
        .containsExactly("list", "show", "ack", "resolve", "oncall", "cover", "maint", "help",
            "link");
    assertThat(fake.commands().path(2).path("description").asText())
        .as("from the catalogue").startsWith("Acknowledge an incident").endsWith("/ack 42");

    alert("Checkout <5xx> & timeouts");
    FakeTelegramBotApi.Message page = onlyMessage();
    assertThat(page.parseMode()).isEqualTo("HTML");
    assertThat(page.text()).contains("TRIGGERED", "#1", "Checkout &lt;5xx&gt; &amp; timeouts");
    assertThat(page.buttons()).containsExactly("Acknowledge", "Resolve", "Escalate now");
    String ack = page.callbackData().get(0);

    // A stranger's press changes nothing and is told why.
    JsonNode stranger = fake.pressButton(GROUP, page.messageId(), STRANGER, ack);
    await().atMost(WAIT).until(() -> answerTo(stranger).isPresent());
    assertThat(answerTo(stranger).get()).contains("not linked");
    assertThat(status(1)).isEqualTo(IncidentStatus.TRIGGERED);

    JsonNode press = fake.pressButton(GROUP, page.messageId(), ADMIN, ack);
    await().atMost(WAIT).until(() -> answerTo(press).isPresent());
    assertThat(answerTo(press).get()).contains("acknowledged by Admin");
    assertThat(status(1)).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    await().atMost(WAIT).untilAsserted(() -> {
      FakeTelegramBotApi.Message edited = fake.message(GROUP, page.messageId()).orElseThrow();
      assertThat(edited.text()).contains("ACKNOWLEDGED").doesNotContain("TRIGGERED");
      assertThat(edited.buttons()).containsExactly("Resolve");
    });

    String resolve = fake.message(GROUP, page.messageId()).orElseThrow().callbackData().get(0);
    JsonNode second = fake.pressButton(GROUP, page.messageId(), ADMIN, resolve);
    await().atMost(WAIT).until(() -> answerTo(second).isPresent());
    assertThat(status(1)).isEqualTo(IncidentStatus.RESOLVED);
    await().atMost(WAIT).untilAsserted(() -> {
      FakeTelegramBotApi.Message done = fake.message(GROUP, page.messageId()).orElseThrow();
      assertThat(done.text()).contains("RESOLVED");
      assertThat(done.buttons()).isEmpty();
    });
    // Updates edited the page; no second message was posted.
    assertThat(fake.messages(GROUP)).hasSize(1);
  }

  /**
   * A person paged in their private chat (escalation, no subscription): the press itself redraws
   * the message, since no subscribed update will come for that chat.
   */
  @Test
  void personalPageIsRedrawnByThePress() {
    clarion = start("polling");
    alert("paged personally");
    onlyMessage();
    assertThat(clarion.notifier().notify(new NotifyRequest(new IncidentId(1), "step-1", 0,
        List.of(new Recipient.User(new UserId("admin")))))).isEqualTo(1);
    await().atMost(WAIT).until(() -> fake.messages(ADMIN).size() == 1);
    FakeTelegramBotApi.Message page = fake.messages(ADMIN).get(0);
    assertThat(page.buttons()).containsExactly("Acknowledge", "Resolve", "Escalate now");

    JsonNode press = fake.pressButton(ADMIN, page.messageId(), ADMIN, page.callbackData().get(0));
    await().atMost(WAIT).until(() -> answerTo(press).isPresent());
    await().atMost(WAIT).untilAsserted(() -> {
      FakeTelegramBotApi.Message edited = fake.message(ADMIN, page.messageId()).orElseThrow();
      assertThat(edited.text()).contains("ACKNOWLEDGED", "acknowledged by Admin");
      assertThat(edited.buttons()).containsExactly("Resolve");
    });
    assertThat(fake.messages(ADMIN)).hasSize(1);
  }

  @Test
  void forgedCallbackDataCannotActOnAnotherIncident() {
    clarion = start("polling");
    alert("first");
    FakeTelegramBotApi.Message page = onlyMessage();
    alert("second");
    await().atMost(WAIT).until(() -> fake.messages(GROUP).size() == 2);
    String ackFirst = page.callbackData().get(0);
    String forged = "a:2:" + ackFirst.substring(ackFirst.lastIndexOf(':') + 1);

    JsonNode press = fake.pressButton(GROUP, page.messageId(), ADMIN, forged);
    await().atMost(WAIT).until(() -> answerTo(press).isPresent());
    assertThat(answerTo(press).get()).contains("not valid");
    assertThat(status(1)).isEqualTo(IncidentStatus.TRIGGERED);
    assertThat(status(2)).isEqualTo(IncidentStatus.TRIGGERED);
  }

  @Test
  void groupCommandsWithBotnameRunAsTheLinkedUser() {
    clarion = start("polling");
    alert("disk full");
    onlyMessage();

    fake.userMessage(GROUP, ADMIN, "/list@other_bot");
    fake.userMessage(GROUP, STRANGER, "/ack 1");
    fake.userMessage(GROUP, ADMIN, "/ack@" + FakeTelegramBotApi.BOT_USERNAME + " 1");
    fake.userMessage(GROUP, ADMIN, "/oncall@" + FakeTelegramBotApi.BOT_USERNAME);
    // The replies share the group's 1 message/s with the page: 429s are retried.
    await().atMost(WAIT).until(() -> repliesIn(GROUP).size() == 3);
    List<String> replies = repliesIn(GROUP);
    assertThat(replies.get(0)).contains("not linked", Long.toString(STRANGER));
    assertThat(replies).anySatisfy(r -> assertThat(r).contains("acknowledged by Admin"));
    assertThat(replies).anySatisfy(r -> assertThat(r).contains("No schedules are configured"));
    assertThat(replies).noneMatch(r -> r.contains("not available") || r.contains("unknown"));
    assertThat(status(1)).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    // The update to another bot got no answer at all.
    assertThat(replies).noneMatch(r -> r.contains("incidents"));

    fake.userMessage(ADMIN, ADMIN, "/list");
    await().atMost(WAIT).until(() -> repliesIn(ADMIN).size() == 1);
    assertThat(repliesIn(ADMIN).get(0)).contains("#1 [acknowledged] disk full");
  }

  private Optional<FakeTelegramBotApi.Message> withButton(long chat, String label) {
    return fake.messages(chat).stream().filter(m -> m.buttons().contains(label)).findFirst();
  }

  @Test
  void maintPreviewsFirstThenConfirmStartsTheWindowOnce() {
    clarion = start("polling");
    fake.userMessage(GROUP, ADMIN, "/maint checkout 30m deploy");
    await().atMost(WAIT).until(() -> withButton(GROUP, "Confirm").isPresent());
    FakeTelegramBotApi.Message preview = withButton(GROUP, "Confirm").get();
    assertThat(preview.text()).contains("would silence 1 service(s)");
    assertThat(preview.buttons()).containsExactly("Confirm", "Cancel");
    assertThat(preview.callbackData()).allSatisfy(d -> assertThat(d)
        .hasSizeLessThanOrEqualTo(64).doesNotContain("maint"));

    JsonNode confirm = fake.pressButton(GROUP, preview.messageId(), ADMIN,
        preview.callbackData().get(0));
    await().atMost(WAIT).until(() -> answerTo(confirm).isPresent());
    assertThat(answerTo(confirm).get()).contains("Maintenance window #1 started for 30m");
    await().atMost(WAIT).untilAsserted(() -> {
      FakeTelegramBotApi.Message done =
          fake.message(GROUP, preview.messageId()).orElseThrow();
      assertThat(done.text()).contains("Maintenance window #1 started");
      assertThat(done.buttons()).isEmpty();
    });
    JsonNode again = fake.pressButton(GROUP, preview.messageId(), ADMIN,
        preview.callbackData().get(0));
    await().atMost(WAIT).until(() -> answerTo(again).isPresent());
    assertThat(answerTo(again).get()).contains("already used");

    fake.userMessage(GROUP, ADMIN, "/maint list");
    await().atMost(WAIT).until(() -> repliesIn(GROUP).stream()
        .anyMatch(r -> r.contains("#1 [active] checkout")));
  }

  @Test
  void cancelRemovesTheKeyboardAndStartsNothing() {
    clarion = start("polling");
    fake.userMessage(ADMIN, ADMIN, "/maint checkout 30m");
    await().atMost(WAIT).until(() -> withButton(ADMIN, "Cancel").isPresent());
    FakeTelegramBotApi.Message preview = withButton(ADMIN, "Cancel").get();
    JsonNode cancel = fake.pressButton(ADMIN, preview.messageId(), ADMIN,
        preview.callbackData().get(1));
    await().atMost(WAIT).until(() -> answerTo(cancel).isPresent());
    await().atMost(WAIT).untilAsserted(() -> {
      FakeTelegramBotApi.Message done = fake.message(ADMIN, preview.messageId()).orElseThrow();
      assertThat(done.buttons()).isEmpty();
      assertThat(done.text()).isEqualTo("Cancelled.");
    });
    // The Confirm of a cancelled preview is gone too.
    JsonNode late = fake.pressButton(ADMIN, preview.messageId(), ADMIN,
        preview.callbackData().get(0));
    await().atMost(WAIT).until(() -> answerTo(late).isPresent());
    assertThat(answerTo(late).get()).contains("expired");
    fake.userMessage(ADMIN, ADMIN, "/maint list");
    await().atMost(WAIT).until(() -> repliesIn(ADMIN).stream()
        .anyMatch(r -> r.contains("No maintenance now or scheduled")));
  }

  @Test
  void escalateNowRunsTheCatalogueCommandWhileTriggered() {
    clarion = start("polling");
    alert("escalate me");
    FakeTelegramBotApi.Message page = onlyMessage();
    assertThat(page.buttons()).containsExactly("Acknowledge", "Resolve", "Escalate now");
    JsonNode press = fake.pressButton(GROUP, page.messageId(), ADMIN,
        page.callbackData().get(2));
    await().atMost(WAIT).until(() -> answerTo(press).isPresent());
    assertThat(answerTo(press).get()).contains("escalated now by Admin");
    assertThat(clarion.incidents().timeline(new IncidentId(1)))
        .anySatisfy(t -> assertThat(t.message()).contains("skipping the wait"));
  }

  @Test
  void linkIsRefusedInGroupsAndAPrivateCodeLetsThePersonAck() {
    clarion = start("polling");
    alert("needs a linked hand");
    FakeTelegramBotApi.Message page = onlyMessage();
    String token = clarion.tokens().create(new UserId("kim"), "test",
        dev.clarion.audit.Actor.system("test")).plainText();
    HttpResponse<String> made = post("/api/v1/users/kim/link-codes",
        Map.of("Authorization", "Bearer " + token), "{\"channel\":\"telegram\"}");
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    String code = made.body().replaceAll(".*\"code\":\"([^\"]+)\".*", "$1");

    fake.userMessage(GROUP, STRANGER, "/link " + code);
    await().atMost(WAIT).until(() -> !repliesIn(GROUP).isEmpty());
    assertThat(repliesIn(GROUP).get(0)).contains("privately");
    fake.userMessage(STRANGER, STRANGER, "/link WRNG-CD99");
    fake.userMessage(STRANGER, STRANGER, "/link " + code);
    await().atMost(WAIT).until(() -> repliesIn(STRANGER).size() == 2);
    assertThat(repliesIn(STRANGER).get(0)).contains("Nothing was changed");
    assertThat(repliesIn(STRANGER).get(1)).contains("now acts as Kim (kim)");

    JsonNode press = fake.pressButton(GROUP, page.messageId(), STRANGER,
        page.callbackData().get(0));
    await().atMost(WAIT).until(() -> answerTo(press).isPresent());
    assertThat(answerTo(press).get()).contains("acknowledged by Kim");
    assertThat(status(1)).isEqualTo(IncidentStatus.ACKNOWLEDGED);
  }

  @Test
  void webhookChecksTheSecretTokenBeforeAnything() {
    clarion = start("webhook");
    alert("webhook mode");
    FakeTelegramBotApi.Message page = onlyMessage();
    String ack = page.callbackData().get(0);
    String update = fake.pressButton(GROUP, page.messageId(), ADMIN, ack).toString();
    String path = "/channels/telegram/webhook";

    assertThat(post(path, Map.of(), update).statusCode()).isEqualTo(401);
    assertThat(post(path, Map.of(WebhookRoute.SECRET_HEADER, SECRET + "x"), update)
        .statusCode()).isEqualTo(401);
    assertThat(post(path, Map.of(WebhookRoute.SECRET_HEADER, ""), update).statusCode())
        .isEqualTo(401);
    assertThat(status(1)).isEqualTo(IncidentStatus.TRIGGERED);
    assertThat(fake.calls("answerCallbackQuery")).isEmpty();
    // Webhook mode does not poll.
    assertThat(fake.calls("getUpdates")).isEmpty();

    assertThat(post(path, Map.of(WebhookRoute.SECRET_HEADER, SECRET), update).statusCode())
        .isEqualTo(200);
    assertThat(status(1)).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    assertThat(fake.answeredCallbacks()).hasSize(1);
  }

  @Test
  void retryAfterIsHonouredNothingLostNothingDuplicated() {
    clarion = start("polling");
    fake.rateLimitNext(3, 1, "sendMessage");
    for (int i = 0; i < 4; i++) {
      alert("queue backlog " + i);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> fake.messages(GROUP).size() == 4);
    assertThat(fake.calls("sendMessage").stream().filter(c -> c.errorCode() == 429)).hasSize(3);
    Map<String, Long> perIncident = fake.messages(GROUP).stream().collect(Collectors.groupingBy(
        m -> m.text().replaceAll("(?s).*#(\\d+)</b>.*", "$1"), Collectors.counting()));
    assertThat(perIncident).containsOnlyKeys("1", "2", "3", "4")
        .allSatisfy((k, v) -> assertThat(v).isEqualTo(1L));
    // The core kept Telegram's 1 message/s per chat (with headroom): the fake's limit never fired.
    assertThat(fake.rateLimitedCount()).isEqualTo(3);
  }

  @Test
  void restartDuringDeliveryDeliversOnce() {
    clarion = start("polling");
    fake.rateLimitNext(1, 3, "sendMessage");
    alert("restart me");
    await().atMost(WAIT).until(() -> fake.rateLimitedCount() == 1);
    clarion.close();
    clarion = null;
    assertThat(fake.messages(GROUP)).isEmpty();

    clarion = start("polling");
    await().atMost(Duration.ofSeconds(20)).until(() -> fake.messages(GROUP).size() == 1);
    await().atMost(WAIT).until(() -> clarion.notifications().forIncident(new IncidentId(1))
        .stream().allMatch(n -> n.status() == NotificationStatus.DELIVERED));
    List<Notification> rows = clarion.notifications().forIncident(new IncidentId(1));
    assertThat(rows).hasSize(1);
    assertThat(fake.messages(GROUP)).hasSize(1);
    assertThat(fake.calls("sendMessage").stream().filter(c -> c.errorCode() == 0)).hasSize(1);
  }

  /**
   * The packaged plugin jar (failsafe runs after {@code package}) loaded by PF4J from the plugins
   * directory, in its own class loader with the telegrambots, okhttp and Jackson it bundles.
   */
  @Test
  void packagedPluginJarLoadsFromThePluginsDirectory(@TempDir Path plugins) throws Exception {
    Path jar;
    try (var files = Files.list(Path.of("target"))) {
      jar = files.filter(f -> f.getFileName().toString().matches("clarion-telegram-.*\\.jar"))
          .findFirst().orElseThrow(() -> new IllegalStateException("run mvn verify: no jar"));
    }
    Files.copy(jar, plugins.resolve(jar.getFileName()));
    clarion = start("polling", plugins);
    assertThat(clarion.plugins()).anySatisfy(p -> {
      assertThat(p.id()).isEqualTo("telegram");
      assertThat(p.origin()).isEqualTo(jar.getFileName().toString());
      assertThat(p.ok()).isTrue();
    });
    alert("from the jar");
    FakeTelegramBotApi.Message page = onlyMessage();
    assertThat(page.buttons()).containsExactly("Acknowledge", "Resolve", "Escalate now");
    // The plugin understood Telegram's answer (its own Jackson), so the outbox row is delivered.
    await().atMost(WAIT).until(() -> clarion.notifications().forIncident(new IncidentId(1))
        .stream().allMatch(n -> n.status() == NotificationStatus.DELIVERED));
    JsonNode press = fake.pressButton(GROUP, page.messageId(), ADMIN, page.callbackData().get(0));
    await().atMost(WAIT).until(() -> answerTo(press).isPresent());
    assertThat(status(1)).isEqualTo(IncidentStatus.ACKNOWLEDGED);
    await().atMost(WAIT).until(() -> fake.message(GROUP, page.messageId()).orElseThrow().text()
        .contains("ACKNOWLEDGED"));
  }
}
