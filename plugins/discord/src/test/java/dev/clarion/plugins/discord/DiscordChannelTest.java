package dev.clarion.plugins.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.api.ChannelContext;
import dev.clarion.api.Commands;
import dev.clarion.api.DeliveryResult;
import dev.clarion.api.HttpRoutes;
import dev.clarion.api.MessageRef;
import dev.clarion.api.Outgoing;
import dev.clarion.api.ServiceInfo;
import dev.clarion.api.Templates;
import dev.clarion.testkit.FakeDiscordApi;
import dev.clarion.testkit.SettableClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plugin on its own: a {@link ChannelContext} made of fakes (routes we call directly, a
 * command catalogue that records lines and can be made slow) and {@link FakeDiscordApi} as
 * Discord's REST API.
 */
class DiscordChannelTest {
  private static final String TOKEN = "discord-bot-token";
  private static final String KIM = "310000000000000001";
  private static final String CHANNEL = "900000000000000001";
  /** "ch" starts Checkout's id and name and Chat relay's name, and is only inside "search". */
  private static final List<ServiceInfo> SERVICES = List.of(
      new ServiceInfo("payments", "Payments"), new ServiceInfo("search", "Search"),
      new ServiceInfo("checkout", "Checkout"), new ServiceInfo("im-relay", "Chat relay"));

  private final SettableClock clock = SettableClock.atDefaultStart();
  private final SignedInteractions discordSide = new SignedInteractions();
  private final List<String> ran = new CopyOnWriteArrayList<>();
  private final Map<String, HttpRoutes.Handler> routes = new HashMap<>();
  private final CountDownLatch slowRelease = new CountDownLatch(1);
  private FakeDiscordApi discord;
  private DiscordChannel channel;

  @BeforeEach
  void start() {
    discord = new FakeDiscordApi(TOKEN, clock);
    channel = new DiscordChannel();
    channel.start(new TestContext(Map.of("bot_token", TOKEN, "public_key",
        discordSide.publicKeyHex(), "api_url", discord.apiUrl(), "defer_after_ms", "200",
        "mode", "http")));
  }

  @AfterEach
  void stop() {
    slowRelease.countDown();
    channel.stop();
    discord.close();
  }

  @Test
  void startRegistersClarionWithSubcommandsFromTheCatalogue() {
    assertThat(discord.commands().path(0).path("name").asText()).isEqualTo("clarion");
    assertThat(discord.commands().path(0).path("options").findValuesAsText("name"))
        .contains("list", "show", "ack", "resolve", "new", "oncall", "maint", "help");
  }

  @Test
  void pingIsAnsweredWithPong() {
    HttpRoutes.Response r = post(discordSide.sign(SignedInteractions.ping(), clock.instant()));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"type\":1}");
  }

  @Test
  void forgedTamperedStaleAndReplayedSignaturesGet401AndRunNothing() {
    SignedInteractions forger = new SignedInteractions();
    String ack = SignedInteractions.ack("t", KIM, CHANNEL, 1);
    assertThat(post(forger.sign(ack, clock.instant())).status()).isEqualTo(401);

    SignedInteractions.Signed signed = discordSide.sign(ack, clock.instant());
    SignedInteractions.Signed tampered = new SignedInteractions.Signed(
        signed.body().replace("\"ack\"", "\"resolve\""), signed.headers());
    assertThat(post(tampered).status()).isEqualTo(401);
    assertThat(post(new SignedInteractions.Signed(ack, Map.of())).status()).isEqualTo(401);
    assertThat(post(discordSide.sign(ack, clock.instant().minus(Duration.ofMinutes(6))))
        .status()).isEqualTo(401);
    assertThat(ran).isEmpty();

    assertThat(post(signed).status()).isEqualTo(200);
    assertThat(post(signed).status()).isEqualTo(401);
    assertThat(ran).containsExactly("incident ack 1");
  }

  @Test
  void slashCommandRunsTheCatalogueLineAsTheDiscordUser() throws Exception {
    HttpRoutes.Response r = post(discordSide.sign(SignedInteractions.slash("t", KIM, CHANNEL,
        "new", "[{\"name\":\"service\",\"type\":3,\"value\":\"checkout\"},"
            + "{\"name\":\"summary\",\"type\":3,\"value\":\"disk full\"}]"), clock.instant()));
    assertThat(ran).containsExactly("incident new checkout disk full");
    JsonNode answer = json(r);
    assertThat(answer.path("type").asInt()).isEqualTo(4);
    assertThat(answer.path("data").path("content").asText()).isEqualTo("ran as " + KIM);
    assertThat(answer.path("data").has("flags")).isFalse();
  }

  @Test
  void unknownUserGetsAnEphemeralHowToLink() throws Exception {
    JsonNode answer = json(post(discordSide.sign(
        SignedInteractions.ack("t", "999", CHANNEL, 1), clock.instant())));
    assertThat(answer.path("type").asInt()).isEqualTo(4);
    assertThat(answer.path("data").path("flags").asInt()).isEqualTo(64);
    assertThat(answer.path("data").path("content").asText())
        .contains("chat: { discord: \"999\" }");
  }

  @Test
  void slowActionIsDeferredWithinTheWindowAndCompletedByEditingTheOriginal() throws Exception {
    String token = discordSide.token();
    HttpRoutes.Response r = post(discordSide.sign(SignedInteractions.slash(token, KIM, CHANNEL,
        "resolve", "[{\"name\":\"number\",\"type\":4,\"value\":7}]"), clock.instant()));
    JsonNode answer = json(r);
    assertThat(answer.path("type").asInt()).isEqualTo(5);
    assertThat(discord.interactionAnswers(token)).isEmpty();

    slowRelease.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> !discord.interactionAnswers(token)
        .isEmpty());
    assertThat(discord.interactionAnswers(token).get(0).path("content").asText())
        .isEqualTo("slowly resolved 7");
    assertThat(discord.calls("PATCH",
        "/webhooks/" + SignedInteractions.APPLICATION + "/" + token + "/messages/@original"))
        .hasSize(1);
  }

  @Test
  void aSlowPressIsAcknowledgedInTimeAndALateRefusalGoesOnlyToThePresser() throws Exception {
    channel.deliver(outgoing("triggered", Optional.empty()));
    FakeDiscordApi.Message posted = discord.messages(CHANNEL).get(0);
    String token = discordSide.token();
    JsonNode answer = json(post(discordSide.sign(SignedInteractions.button(token, KIM, CHANNEL,
        posted.id(), posted.customIds().get(2)), clock.instant())));
    assertThat(answer.path("type").asInt()).isEqualTo(6);

    slowRelease.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> !discord.interactionAnswers(token)
        .isEmpty());
    JsonNode followUp = discord.interactionAnswers(token).get(0);
    assertThat(followUp.path("flags").asInt()).isEqualTo(64);
    assertThat(followUp.path("content").asText()).contains("Escalate now is not available");
  }

  @Test
  void aSlowPublicCommandThatFailsKeepsTheRefusalPrivate() throws Exception {
    String token = discordSide.token();
    JsonNode answer = json(post(discordSide.sign(SignedInteractions.slash(token, KIM, CHANNEL,
        "comment", "[{\"name\":\"number\",\"type\":4,\"value\":1},"
            + "{\"name\":\"text\",\"type\":3,\"value\":\"slowfail\"}]"), clock.instant())));
    assertThat(answer.path("type").asInt()).isEqualTo(5);
    assertThat(answer.has("data")).isFalse();

    slowRelease.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> discord.interactionAnswers(token)
        .size() == 2);
    assertThat(discord.interactionAnswers(token)).extracting(a -> a.path("content").asText())
        .containsExactlyInAnyOrder("Nothing was changed.", "unknown command 'incident escalate'");
    assertThat(discord.interactionAnswers(token)).filteredOn(a -> a.has("flags"))
        .singleElement().satisfies(a -> assertThat(a.path("content").asText())
            .startsWith("unknown command"));
  }

  @Test
  void autocompleteOffersOpenIncidentsMatchingWhatIsTyped() throws Exception {
    String body = SignedInteractions.slash("t", KIM, CHANNEL, "ack",
        "[{\"name\":\"number\",\"type\":4,\"value\":\"12\",\"focused\":true}]")
        .replace("\"type\":2,", "\"type\":4,");
    JsonNode answer = json(post(discordSide.sign(body, clock.instant())));
    assertThat(answer.path("type").asInt()).isEqualTo(8);
    assertThat(answer.path("data").path("choices")).singleElement().satisfies(c -> {
      assertThat(c.path("name").asText()).isEqualTo("#12 [acknowledged] db slow");
      assertThat(c.path("value").asLong()).isEqualTo(12);
    });
  }

  @Test
  void autocompleteOffersConfiguredServicesByIdOrNamePrefixFirst() throws Exception {
    String body = SignedInteractions.slash("t", KIM, CHANNEL, "new",
        "[{\"name\":\"service\",\"type\":3,\"value\":\"CH\",\"focused\":true}]")
        .replace("\"type\":2,", "\"type\":4,");
    JsonNode answer = json(post(discordSide.sign(body, clock.instant())));
    assertThat(answer.path("type").asInt()).isEqualTo(8);
    assertThat(answer.path("data").path("choices")).extracting(c -> c.path("name").asText())
        .containsExactly("Checkout (checkout)", "Chat relay (im-relay)", "Search (search)");
    assertThat(answer.path("data").path("choices")).extracting(c -> c.path("value").asText())
        .containsExactly("checkout", "im-relay", "search");
    assertThat(ran).as("services come from the context, not from a command").isEmpty();
  }

  @Test
  void serviceChoicesAreCaseInsensitivePrefixFirstAndCappedAt25() {
    List<ServiceInfo> many = java.util.stream.IntStream.range(0, 40)
        .mapToObj(i -> new ServiceInfo("svc-" + i, "Service " + i)).toList();
    assertThat(Interactions.serviceChoices(many, "")).hasSize(Interactions.MAX_CHOICES);
    assertThat(Interactions.serviceChoices(SERVICES, "chat")).extracting(ServiceInfo::id)
        .containsExactly("im-relay");
    assertThat(Interactions.serviceChoices(SERVICES, "SEARCH")).extracting(ServiceInfo::id)
        .containsExactly("search");
    assertThat(Interactions.serviceChoices(SERVICES, "out")).extracting(ServiceInfo::id)
        .containsExactly("checkout");
    assertThat(Interactions.serviceChoices(SERVICES, "nope")).isEmpty();
  }

  @Test
  void theServiceOptionOfNewIsRegisteredAsAutocomplete() {
    JsonNode newSub = null;
    for (JsonNode sub : SlashCommand.registration().path(0).path("options")) {
      if (sub.path("name").asText().equals("new")) {
        newSub = sub;
      }
    }
    assertThat(newSub).isNotNull();
    assertThat(newSub.path("options").path(0).path("name").asText()).isEqualTo("service");
    assertThat(newSub.path("options").path(0).path("autocomplete").asBoolean()).isTrue();
  }

  @Test
  void buttonCustomIdsAreSignedPerIncidentAndChannel() throws Exception {
    DeliveryResult delivered = channel.deliver(outgoing("triggered", Optional.empty()));
    assertThat(delivered).isInstanceOf(DeliveryResult.Delivered.class);
    FakeDiscordApi.Message posted = discord.messages(CHANNEL).get(0);
    assertThat(posted.buttonLabels()).containsExactly("Acknowledge", "Resolve", "Escalate now");
    String ackId = posted.customIds().get(0);

    String forged = ackId.replace(":42:", ":43:");
    JsonNode refused = json(post(discordSide.sign(SignedInteractions.button("t1", KIM, CHANNEL,
        posted.id(), forged), clock.instant())));
    JsonNode otherChannel = json(post(discordSide.sign(SignedInteractions.button("t2", KIM,
        "900000000000000002", posted.id(), ackId), clock.instant())));
    assertThat(refused.path("data").path("content").asText())
        .isEqualTo("This button is not valid.");
    assertThat(otherChannel.path("data").path("flags").asInt()).isEqualTo(64);
    assertThat(ran).isEmpty();

    JsonNode pressed = json(post(discordSide.sign(SignedInteractions.button("t3", KIM, CHANNEL,
        posted.id(), ackId), clock.instant())));
    assertThat(pressed.path("type").asInt()).isEqualTo(6);
    assertThat(ran).containsExactly("incident ack 42");
  }

  @Test
  void deliverEditsTheEarlierMessageAndDropsButtonsWhenResolved() {
    DeliveryResult.Delivered first =
        (DeliveryResult.Delivered) channel.deliver(outgoing("triggered", Optional.empty()));
    DeliveryResult second = channel.deliver(outgoing("resolved", Optional.of(first.ref())));
    assertThat(second).isEqualTo(first);
    FakeDiscordApi.Message message = discord.messages(CHANNEL).get(0);
    assertThat(discord.messages(CHANNEL)).hasSize(1);
    assertThat(message.edits()).isEqualTo(1);
    assertThat(message.fields()).containsEntry("Status", "resolved")
        .containsEntry("Service", "Checkout").containsEntry("Assignee", "Kim")
        .containsEntry("Alerts", "3").containsEntry("Urgency", "high")
        .containsEntry("Priority", "P1");
    assertThat(message.buttonLabels()).isEmpty();
  }

  @Test
  void a429BecomesRetryAfterWithDiscordsRetryAfterAndPostsNothing() {
    discord.rateLimitNext(1, 1.25);
    DeliveryResult r = channel.deliver(outgoing("triggered", Optional.empty()));
    assertThat(r).isEqualTo(DeliveryResult.retryAfter(Duration.ofMillis(1250)));
    assertThat(discord.messages(CHANNEL)).isEmpty();
    assertThat(channel.deliver(outgoing("triggered", Optional.empty())))
        .isInstanceOf(DeliveryResult.Delivered.class);
    assertThat(discord.messages(CHANNEL)).hasSize(1);
  }

  @Test
  void aRetriedDeliveryIsPostedOnceThanksToTheNonce() {
    DeliveryResult first = channel.deliver(outgoing("triggered", Optional.empty()));
    DeliveryResult again = channel.deliver(outgoing("triggered", Optional.empty()));
    assertThat(again).isEqualTo(first);
    assertThat(discord.messages(CHANNEL)).hasSize(1);
    assertThat(DiscordChannel.nonce("k-triggered")).hasSizeLessThanOrEqualTo(25);
  }

  @Test
  void badDestinationIsAPermanentFailure() {
    Outgoing o = outgoing("triggered", Optional.empty());
    DeliveryResult r = channel.deliver(new Outgoing(o.key(), "#general", o.event(), o.fields(),
        o.locale(), o.zone(), Optional.empty()));
    assertThat(r).isInstanceOf(DeliveryResult.Failed.class);
    assertThat(((DeliveryResult.Failed) r).permanent()).isTrue();
  }

  private static Outgoing outgoing(String status, Optional<MessageRef> replaces) {
    return new Outgoing("k-" + status, CHANNEL, "escalation", Map.of("INCIDENT_ID", "42",
        "INCIDENT_NAME", "Checkout 5xx", "STATUS", status, "SERVICE_NAME", "Checkout",
        "URGENCY", "high", "PRIORITY", "P1", "ASSIGNEE", "Kim", "ALERT_COUNT", "3",
        "INCIDENT_URL", "http://127.0.0.1/incidents/42"), Locale.ENGLISH, ZoneId.of("UTC"),
        replaces);
  }

  private HttpRoutes.Response post(SignedInteractions.Signed signed) {
    return routes.get("/interactions").handle(new HttpRoutes.Request(
        "/channels/discord/interactions", signed.headers(), Map.of(),
        signed.body().getBytes(StandardCharsets.UTF_8)));
  }

  private static JsonNode json(HttpRoutes.Response r) throws Exception {
    assertThat(r.status()).isEqualTo(200);
    return DiscordRest.JSON.readTree(r.body());
  }

  /** Kim is linked; "incident resolve" waits until the test lets it finish. */
  private Commands.Result run(String user, String line) {
    if (!user.equals(KIM)) {
      return new Commands.Result(false, "unauthenticated", "who are you?");
    }
    ran.add(line);
    if (line.equals("incident list")) {
      return new Commands.Result(true, null,
          "Open incidents\n#1 [triggered] disk full\n#12 [acknowledged] db slow", false);
    }
    if (line.startsWith("incident escalate") || line.endsWith("slowfail")) {
      try {
        slowRelease.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new Commands.Result(false, "invalid", "unknown command 'incident escalate'");
    }
    if (line.startsWith("incident resolve")) {
      try {
        slowRelease.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new Commands.Result(true, null, "slowly resolved 7", true);
    }
    return new Commands.Result(true, null, "ran as " + user, true);
  }

  private final class TestContext implements ChannelContext {
    private final Map<String, Object> config;

    TestContext(Map<String, Object> config) {
      this.config = config;
    }

    @Override
    public Map<String, Object> config() {
      return config;
    }

    @Override
    public HttpRoutes routes() {
      return new HttpRoutes() {
        @Override
        public void post(String path, Handler handler) {
          routes.put(path, handler);
        }

        @Override
        public void get(String path, Handler handler) {
          routes.put(path, handler);
        }
      };
    }

    @Override
    public Commands commands() {
      return DiscordChannelTest.this::run;
    }

    @Override
    public Templates templates() {
      throw new UnsupportedOperationException("the Discord plugin renders its own embeds");
    }

    @Override
    public Clock clock() {
      return clock;
    }

    @Override
    public void count(String name) {}

    @Override
    public List<ServiceInfo> services() {
      return SERVICES;
    }
  }
}
