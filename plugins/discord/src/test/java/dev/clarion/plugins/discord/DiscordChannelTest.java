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

  /** The catalogue the test context offers: like the core's, plus two Discord cannot take. */
  static final List<Commands.CommandInfo> CATALOGUE = catalogue();

  private static List<Commands.CommandInfo> catalogue() {
    Commands.ArgumentInfo number =
        new Commands.ArgumentInfo("number", "incident", true, "incident number, e.g. 42");
    List<Commands.CommandInfo> c = new java.util.ArrayList<>(List.of(
        info("help", List.of(), new Commands.ArgumentInfo("command", "text", false, "a name")),
        info("incident list", List.of("list"),
            new Commands.ArgumentInfo("status", "word", false, "open|all")),
        info("incident show", List.of("show"), number),
        info("incident ack", List.of("ack", "acknowledge"), number),
        info("incident resolve", List.of("resolve"), number),
        info("incident escalate", List.of("escalate"), number),
        info("incident comment", List.of("comment"), number,
            new Commands.ArgumentInfo("text", "text", true, "the note")),
        info("incident new", List.of("new"),
            new Commands.ArgumentInfo("service", "service", true, "service id"),
            new Commands.ArgumentInfo("summary", "text", true, "what is wrong")),
        info("maint start", List.of(),
            new Commands.ArgumentInfo("service", "service", true, "service id"),
            new Commands.ArgumentInfo("duration", "word", true, "30m"),
            new Commands.ArgumentInfo("reason", "text", false, "why")),
        info("maint end", List.of(), new Commands.ArgumentInfo("window", "word", true, "7")),
        info("oncall who", List.of("who"),
            new Commands.ArgumentInfo("target", "word", false, "a schedule")),
        info("oncall cover", List.of("cover"),
            new Commands.ArgumentInfo("user", "word", true, "user id, or 'me'"),
            new Commands.ArgumentInfo("until", "word", true, "2h"),
            new Commands.ArgumentInfo("schedule", "word", false, "schedule id")),
        info("runbook run", List.of(),
            new Commands.ArgumentInfo("runbook", "word", true, "runbook id"), number),
        info("Bad Name!", List.of()),
        info("three word command", List.of())));
    return List.copyOf(c);
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new java.util.ArrayList<>();
    array.forEach(n -> names.add(n.path("name").asText()));
    return names;
  }

  private static Commands.CommandInfo info(String name, List<String> aliases,
      Commands.ArgumentInfo... arguments) {
    return new Commands.CommandInfo(name, aliases, "Does " + name + " " + "x".repeat(120),
        name, List.of(arguments));
  }

  @Test
  void startRegistersEveryCatalogueCommandAsAGroupSubcommandWithinDiscordsLimits() {
    JsonNode clarion = discord.commands().path(0);
    assertThat(clarion.path("name").asText()).isEqualTo("clarion");
    Map<String, JsonNode> top = new HashMap<>();
    clarion.path("options").forEach(o -> top.put(o.path("name").asText(), o));
    assertThat(top.get("incident").path("type").asInt()).isEqualTo(2);
    assertThat(names(top.get("incident").path("options"))).containsExactly(
        "list", "show", "ack", "resolve", "escalate", "comment", "new");
    assertThat(names(top.get("maint").path("options")))
        .containsExactly("start", "end");
    assertThat(names(top.get("oncall").path("options")))
        .containsExactly("who", "cover");
    assertThat(names(top.get("runbook").path("options")))
        .containsExactly("run");
    assertThat(top.get("help").path("type").asInt()).isEqualTo(1);
    assertThat(top.get("link").path("options").path(0).path("name").asText()).isEqualTo("code");
    // Shortcuts from the first alias; the names Discord would refuse are left out, start goes on.
    assertThat(top.keySet()).contains("ack", "resolve", "escalate", "new", "who", "cover")
        .doesNotContain("acknowledge", "bad name!", "three", "Bad Name!");
    assertThat(top).hasSizeLessThanOrEqualTo(SlashCommand.MAX_CHILDREN);
    assertThat(clarion.findValuesAsText("description"))
        .allSatisfy(d -> assertThat(d).hasSizeBetween(1, 100));
    JsonNode ack = top.get("incident").path("options").path(2).path("options").path(0);
    assertThat(ack.path("type").asInt()).as("incident → INTEGER").isEqualTo(4);
    assertThat(ack.path("autocomplete").asBoolean()).isTrue();
    JsonNode cover = top.get("oncall").path("options").path(1).path("options");
    assertThat(names(cover)).containsExactly("user", "until", "schedule");
    assertThat(cover.path(0).path("type").asInt()).as("word → STRING").isEqualTo(3);
    assertThat(cover.path(0).has("autocomplete")).isFalse();
  }

  @Test
  void aGeneratedGroupSubcommandRunsItsCatalogueLineWithOptionsInArgumentOrder()
      throws Exception {
    JsonNode answer = json(post(discordSide.sign(SignedInteractions.slashInGroup("t", KIM,
        CHANNEL, "oncall", "cover", "[{\"name\":\"schedule\",\"type\":3,\"value\":\"db\"},"
            + "{\"name\":\"until\",\"type\":3,\"value\":\"2h\"},"
            + "{\"name\":\"user\",\"type\":3,\"value\":\"me\"}]"), clock.instant())));
    assertThat(answer.path("data").path("content").asText()).isEqualTo("ran as " + KIM);
    json(post(discordSide.sign(SignedInteractions.slashInGroup("t2", KIM, CHANNEL, "incident",
        "ack", "[{\"name\":\"number\",\"type\":4,\"value\":42}]"), clock.instant())));
    json(post(discordSide.sign(SignedInteractions.slashInGroup("t3", KIM, CHANNEL, "runbook",
        "run", "[{\"name\":\"runbook\",\"type\":3,\"value\":\"restart-db\"},"
            + "{\"name\":\"number\",\"type\":4,\"value\":42}]"), clock.instant())));
    assertThat(ran).containsExactly("oncall cover me 2h db", "incident ack 42",
        "runbook run restart-db 42");
  }

  @Test
  void aPreviewOffersConfirmAndCancelAndConfirmRunsExactlyTheOfferedLineOnce() throws Exception {
    JsonNode preview = json(post(discordSide.sign(SignedInteractions.slashInGroup("t1", KIM,
        CHANNEL, "maint", "start", "[{\"name\":\"service\",\"type\":3,\"value\":\"checkout\"},"
            + "{\"name\":\"duration\",\"type\":3,\"value\":\"30m\"}]"), clock.instant())));
    assertThat(preview.path("data").path("flags").asInt()).as("a preview is private")
        .isEqualTo(64);
    JsonNode buttons = preview.path("data").path("components").path(0).path("components");
    assertThat(buttons.findValuesAsText("label")).containsExactly("Confirm", "Cancel");
    String confirm = buttons.path(0).path("custom_id").asText();
    assertThat(confirm).hasSizeLessThanOrEqualTo(100).doesNotContain("maint");

    JsonNode forged = json(post(discordSide.sign(SignedInteractions.button("t2", KIM, CHANNEL,
        "m1", confirm.substring(0, confirm.length() - 1) + "7"), clock.instant())));
    JsonNode elsewhere = json(post(discordSide.sign(SignedInteractions.button("t3", KIM,
        "900000000000000002", "m1", confirm), clock.instant())));
    assertThat(forged.path("data").path("content").asText()).contains("expired");
    assertThat(elsewhere.path("data").path("flags").asInt()).isEqualTo(64);
    assertThat(ran).containsExactly("maint start checkout 30m");

    JsonNode confirmed = json(post(discordSide.sign(SignedInteractions.button("t4", KIM, CHANNEL,
        "m1", confirm), clock.instant())));
    assertThat(confirmed.path("type").asInt()).as("the preview is replaced").isEqualTo(7);
    assertThat(confirmed.path("data").path("components")).isEmpty();
    assertThat(ran).containsExactly("maint start checkout 30m", "maint start checkout 30m --yes");
    JsonNode again = json(post(discordSide.sign(SignedInteractions.button("t5", KIM, CHANNEL,
        "m1", confirm), clock.instant())));
    assertThat(again.path("data").path("content").asText()).contains("already used");
    assertThat(ran).hasSize(2);
  }

  @Test
  void cancelRemovesThePreviewsButtonsAndRunsNothing() throws Exception {
    JsonNode preview = json(post(discordSide.sign(SignedInteractions.slashInGroup("t1", KIM,
        CHANNEL, "maint", "start", "[{\"name\":\"service\",\"type\":3,\"value\":\"checkout\"},"
            + "{\"name\":\"duration\",\"type\":3,\"value\":\"30m\"}]"), clock.instant())));
    String cancel = preview.path("data").path("components").path(0).path("components").path(1)
        .path("custom_id").asText();
    JsonNode cancelled = json(post(discordSide.sign(SignedInteractions.button("t2", KIM, CHANNEL,
        "m1", cancel), clock.instant())));
    assertThat(cancelled.path("type").asInt()).isEqualTo(7);
    assertThat(cancelled.path("data").path("components")).isEmpty();
    assertThat(cancelled.path("data").path("content").asText()).contains("Cancelled.");
    assertThat(ran).containsExactly("maint start checkout 30m");
  }

  @Test
  void runbookButtonsAndTheNextEscalationAreOnTheIncidentMessage() throws Exception {
    Outgoing o = outgoing("triggered", Optional.empty());
    Map<String, String> fields = new HashMap<>(o.fields());
    fields.put("RUNBOOKS", "restart-db, flush-cache");
    fields.put("NEXT_ESCALATION", "03:45 → Kim via schedule db-primary");
    channel.deliver(new Outgoing(o.key(), o.destination(), o.event(), fields, o.locale(),
        o.zone(), Optional.empty()));
    FakeDiscordApi.Message posted = discord.messages(CHANNEL).get(0);
    assertThat(posted.buttonLabels()).containsExactly("Acknowledge", "Resolve", "Escalate now",
        "Run restart-db", "Run flush-cache");
    assertThat(posted.fields()).containsEntry("Next escalation",
        "03:45 → Kim via schedule db-primary");
    String run = posted.customIds().get(3);
    JsonNode forged = json(post(discordSide.sign(SignedInteractions.button("t1", KIM, CHANNEL,
        posted.id(), run.replace("restart-db", "drop-db")), clock.instant())));
    assertThat(forged.path("data").path("content").asText()).isEqualTo("This button is not valid.");
    post(discordSide.sign(SignedInteractions.button("t2", KIM, CHANNEL, posted.id(), run),
        clock.instant()));
    assertThat(ran).containsExactly("runbook run restart-db 42");
  }

  @Test
  void linkTakesTheCodeAndAnswersPrivately() throws Exception {
    JsonNode answer = json(post(discordSide.sign(SignedInteractions.slash("t", "999", CHANNEL,
        "link", "[{\"name\":\"code\",\"type\":3,\"value\":\"KX4P-7MQ9\"}]"),
        clock.instant())));
    assertThat(answer.path("data").path("content").asText()).isEqualTo("Linked to Kim.");
    assertThat(answer.path("data").path("flags").asInt()).isEqualTo(64);
    assertThat(ran).containsExactly("link 999 KX4P-7MQ9");
  }

  @Test
  void aCatalogueDiscordCannotHoldIsTrimmedNotFatal() {
    List<Commands.CommandInfo> many = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      many.add(info("big cmd" + i, List.of()));
      many.add(info("group" + i + " x", List.of()));
    }
    many.add(info("wide one", List.of(), java.util.stream.IntStream.range(0, 30)
        .mapToObj(i -> new Commands.ArgumentInfo("a" + i, "word", false, "")).toArray(
            Commands.ArgumentInfo[]::new)));
    JsonNode clarion = SlashCommand.from(many).registration().path(0);
    assertThat(clarion.path("options")).hasSize(SlashCommand.MAX_CHILDREN);
    clarion.path("options").forEach(o -> assertThat(o.path("options").size())
        .isLessThanOrEqualTo(SlashCommand.MAX_CHILDREN));
    assertThat(clarion.findValuesAsText("name")).doesNotContain("wide");
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
    assertThat(followUp.path("content").asText()).isEqualTo("no escalation policy");
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
        .containsExactlyInAnyOrder("Nothing was changed.", "comment refused");
    assertThat(discord.interactionAnswers(token)).filteredOn(a -> a.has("flags"))
        .singleElement().satisfies(a -> assertThat(a.path("content").asText())
            .isEqualTo("comment refused"));
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
    for (JsonNode sub : discord.commands().path(0).path("options")) {
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
    if (line.startsWith("maint start") && !line.endsWith("--yes")) {
      return new Commands.Result(true, "ok", "Maintenance preview: checkout for 30m", false,
          List.of(new Commands.Action("Confirm", line + " --yes", Commands.Action.Style.PRIMARY),
              new Commands.Action("Cancel", "", Commands.Action.Style.DEFAULT)));
    }
    if (line.startsWith("incident escalate") || line.endsWith("slowfail")) {
      try {
        slowRelease.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return new Commands.Result(false, "invalid",
          line.startsWith("incident escalate") ? "no escalation policy" : "comment refused");
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
      return new Commands() {
        @Override
        public Result run(String chatIdentity, String commandLine) {
          return DiscordChannelTest.this.run(chatIdentity, commandLine);
        }

        @Override
        public List<CommandInfo> catalogue() {
          return CATALOGUE;
        }

        @Override
        public Result link(String chatIdentity, String code) {
          ran.add("link " + chatIdentity + " " + code);
          return code.equals("KX4P-7MQ9") ? new Result(true, "ok", "Linked to Kim.")
              : new Result(false, "invalid", "That code is wrong, used or expired.");
        }
      };
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
