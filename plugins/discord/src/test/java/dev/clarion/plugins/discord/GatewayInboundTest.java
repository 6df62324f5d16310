package dev.clarion.plugins.discord;

import dev.clarion.api.IncidentButtons;
import dev.clarion.api.OfferedActions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.api.Commands;
import dev.clarion.testkit.FakeDiscordApi;
import dev.clarion.testkit.SettableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import net.dv8tion.jda.api.events.RawGatewayEvent;
import net.dv8tion.jda.api.utils.data.DataObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway transport around its narrow port: JDA's own {@link RawGatewayEvent}, built here as
 * JDA builds it from a gateway frame, goes through {@link GatewayInbound}; the answer must reach
 * {@link FakeDiscordApi} as an interaction callback.
 */
class GatewayInboundTest {
  private static final String KIM = "310000000000000001";
  private static final String CHANNEL = "900000000000000001";

  private final SettableClock clock = SettableClock.atDefaultStart();
  private final FakeDiscordApi discord = new FakeDiscordApi("t", clock);
  private final ScheduledExecutorService workers = Executors.newScheduledThreadPool(2);
  private final List<String> ran = new CopyOnWriteArrayList<>();
  private final IncidentButtons ids = new IncidentButtons("k".getBytes(StandardCharsets.UTF_8), "clarion:", 100);
  private final Interactions interactions = new Interactions(
      new DiscordRest(URI.create(discord.apiUrl()), "t"), this::run, List::of,
      new InteractionSignatures(HexFormat.of().parseHex(new SignedInteractions().publicKeyHex()),
          clock), ids, SlashCommand.from(DiscordChannelTest.CATALOGUE), new OfferedActions(clock, "clarion:x:"),
      Duration.ofMillis(500), workers, name -> { });
  private final GatewayInbound inbound = new GatewayInbound(interactions, workers);

  @AfterEach
  void stop() {
    workers.shutdownNow();
    discord.close();
  }

  @Test
  void slashCommandFromTheGatewayIsAnsweredWithAnInteractionCallback() {
    inbound.onRawGateway(frame("INTERACTION_CREATE",
        SignedInteractions.ack("gw-token-1", KIM, CHANNEL, 3)));

    await().atMost(Duration.ofSeconds(10))
        .until(() -> !discord.interactionAnswers("gw-token-1").isEmpty());
    JsonNode answer = discord.interactionAnswers("gw-token-1").get(0);
    assertThat(answer.path("type").asInt()).isEqualTo(4);
    assertThat(answer.path("data").path("content").asText()).isEqualTo("ok: incident ack 3");
    assertThat(discord.calls("POST", "/interactions/2/gw-token-1/callback")).hasSize(1);
  }

  @Test
  void buttonsFromTheGatewayAreVerifiedLikeOverHttp() {
    String ack = ids.sign(IncidentButtons.Action.ACK, 5, CHANNEL);
    inbound.onRawGateway(frame("INTERACTION_CREATE",
        SignedInteractions.button("gw-forged", KIM, CHANNEL, "1", ack.replace(":5:", ":6:"))));
    inbound.onRawGateway(frame("INTERACTION_CREATE",
        SignedInteractions.button("gw-press", KIM, CHANNEL, "1", ack)));
    inbound.onRawGateway(frame("MESSAGE_CREATE", "{\"id\":\"9\",\"content\":\"hi\"}"));

    await().atMost(Duration.ofSeconds(10)).until(() -> discord.interactionAnswers("gw-forged")
        .size() + discord.interactionAnswers("gw-press").size() == 2);
    assertThat(discord.interactionAnswers("gw-forged").get(0).path("data").path("flags").asInt())
        .isEqualTo(64);
    assertThat(discord.interactionAnswers("gw-press").get(0).path("type").asInt()).isEqualTo(6);
    assertThat(ran).containsExactly("incident ack 5");
  }

  /** A dispatch frame as JDA receives it: {@code op 0}, event name {@code t}, payload {@code d}. */
  private static RawGatewayEvent frame(String type, String payload) {
    DataObject frame = DataObject.empty().put("op", 0).put("s", 1).put("t", type)
        .put("d", DataObject.fromJson(payload));
    return new RawGatewayEvent(null, 1, frame);
  }

  private Commands.Result run(String user, String line) {
    ran.add(line);
    return new Commands.Result(true, null, "ok: " + line, true);
  }
}
