package dev.clarion.plugins.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clarion.api.Commands;
import dev.clarion.api.HttpRoutes;
import dev.clarion.api.IncidentButtons;
import dev.clarion.api.OfferedActions;
import dev.clarion.api.ServiceInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discord → Clarion over the HTTP interactions endpoint ({@code /channels/discord/interactions}).
 * Every request passes {@link InteractionSignatures} first: a forged, stale or replayed one gets
 * 401 before anything is parsed. Then:
 *
 * <ul>
 *   <li>PING (1) → PONG.
 *   <li>{@code /clarion <sub>} (2) → the catalogue line runs as the Discord user. An answer
 *       within {@code defer_after_ms} is the response itself; a slower one gets a deferred
 *       response (5) within Discord's 3 s, and the answer later edits {@code @original}.
 *   <li>An incident button (3) → its custom id must be signed by us for this channel; the
 *       command runs as the presser and the press is acknowledged (6). The message itself is
 *       edited by the core's notification flow, the same way as after a slash command; refusals
 *       go to the presser only. A runbook button's outcome is posted as a reply.
 *   <li>A reply's button (Confirm/Cancel of a preview, {@link OfferedActions}) → runs exactly the
 *       offered line as the presser and replaces the reply with the outcome, without buttons (7);
 *       Cancel only removes the buttons.
 *   <li>{@code /clarion link code:<code>} → {@link Commands#link}, answered privately.
 *   <li>Autocomplete (4) → for {@code service}, the configured services whose id or name
 *       matches what is typed (prefix matches first); otherwise open incidents matching it.
 * </ul>
 */
final class Interactions {
  private static final Logger log = LoggerFactory.getLogger(Interactions.class);
  static final int EPHEMERAL = 64;
  static final String LINK_HELP = "Your Discord account (id %s) is not linked to a Clarion user,"
      + " so nothing was changed. Ask a Clarion admin to add  chat: { discord: \"%s\" }  to your"
      + " user in clarion.yml.";
  private static final Pattern LISTED = Pattern.compile("(?m)^\\s*#(\\d+)\\s+(.*)$");
  private static final int FOLLOW_UP_ATTEMPTS = 5;
  /** Discord accepts at most 25 autocomplete choices. */
  static final int MAX_CHOICES = 25;

  private final DiscordRest rest;
  private final Commands commands;
  private final Supplier<List<ServiceInfo>> services;
  private final InteractionSignatures signatures;
  private final IncidentButtons ids;
  private final SlashCommand slash;
  private final OfferedActions offers;
  private final Duration deferAfter;
  private final ScheduledExecutorService workers;
  private final Consumer<String> count;
  /**
   * Deferred interactions whose first answer (the deferral) has not gone out yet, by token: their
   * late reply waits for it, or Discord would refuse an edit of a message that does not exist.
   */
  private final Map<String, CompletableFuture<Void>> firstAnswers = new ConcurrentHashMap<>();

  Interactions(DiscordRest rest, Commands commands, Supplier<List<ServiceInfo>> services,
      InteractionSignatures signatures, IncidentButtons ids, SlashCommand slash, OfferedActions offers,
      Duration deferAfter, ScheduledExecutorService workers, Consumer<String> count) {
    this.rest = rest;
    this.commands = commands;
    this.services = services;
    this.signatures = signatures;
    this.ids = ids;
    this.slash = slash;
    this.offers = offers;
    this.deferAfter = deferAfter;
    this.workers = workers;
    this.count = count;
  }

  HttpRoutes.Response handle(HttpRoutes.Request request) {
    InteractionSignatures.Verdict verdict = signatures.verify(
        request.header("X-Signature-Timestamp"), request.header("X-Signature-Ed25519"),
        request.body());
    if (verdict != InteractionSignatures.Verdict.ACCEPTED) {
      String reason = verdict.name().toLowerCase(Locale.ROOT);
      count.accept("discord_request_" + reason);
      return HttpRoutes.Response.json(401, "{\"error\":\"signature " + reason + "\"}");
    }
    JsonNode interaction;
    try {
      interaction = DiscordRest.JSON.readTree(request.body());
    } catch (IOException e) {
      return HttpRoutes.Response.json(400, "{\"error\":\"not JSON\"}");
    }
    try {
      Optional<ObjectNode> answer = answer(interaction);
      if (answer.isEmpty()) {
        return HttpRoutes.Response.json(400, "{\"error\":\"unsupported interaction type\"}");
      }
      String body = DiscordRest.JSON.writeValueAsString(answer.get());
      answered(interaction);
      return HttpRoutes.Response.json(200, body);
    } catch (IOException | RuntimeException e) {
      answered(interaction);
      log.warn("discord interaction failed: {}", e.toString());
      return HttpRoutes.Response.json(500, "{\"error\":\"internal\"}");
    }
  }

  /**
   * The same interaction received over the gateway (JDA): the answer goes to
   * {@code POST /interactions/{id}/{token}/callback} instead of into an HTTP response. The
   * gateway connection is authenticated by the bot token, so there is no signature to check.
   */
  void answerOverGateway(JsonNode interaction) {
    try {
      Optional<ObjectNode> answer = answer(interaction);
      if (answer.isPresent()) {
        callback(interaction, answer.get(), FOLLOW_UP_ATTEMPTS);
      }
      answered(interaction);
    } catch (RuntimeException e) {
      answered(interaction);
      log.warn("discord gateway interaction failed: {}", e.toString());
    }
  }

  /** Lets the late reply of a deferred interaction go, now that its first answer is out. */
  private void answered(JsonNode interaction) {
    CompletableFuture<Void> gate = firstAnswers.remove(interaction.path("token").asText());
    if (gate != null) {
      gate.complete(null);
    }
  }

  /** What to answer an interaction of a type we handle; empty for other types. */
  Optional<ObjectNode> answer(JsonNode interaction) {
    return Optional.ofNullable(switch (interaction.path("type").asInt()) {
      case 1 -> DiscordRest.JSON.createObjectNode().put("type", 1);
      case 2 -> command(interaction);
      case 3 -> press(interaction);
      case 4 -> autocomplete(interaction);
      default -> null;
    });
  }

  static String userId(JsonNode interaction) {
    JsonNode member = interaction.path("member").path("user").path("id");
    return member.isMissingNode() ? interaction.path("user").path("id").asText("")
        : member.asText("");
  }

  private ObjectNode command(JsonNode interaction) {
    JsonNode data = interaction.path("data");
    String user = userId(interaction);
    Optional<SlashCommand.Sub> sub = slash.sub(data);
    if (!SlashCommand.NAME.equals(data.path("name").asText()) || sub.isEmpty()) {
      return message("Unknown command; try /clarion help.", true);
    }
    if (sub.get().catalogue().equals(SlashCommand.LINK)) {
      return link(interaction, user, data);
    }
    String line = SlashCommand.commandLine(sub.get(), data);
    count.accept("discord_command");
    boolean deferPublic = sub.get().shared();
    String channel = channelId(interaction);
    return runWithin(interaction, user, line,
        result -> answer(reply(user, result), ephemeral(result),
            components(channel, result.ok() ? result.actions() : List.of())),
        () -> {
          // Discord drops an interaction not answered within 3 s: say "thinking", answer later.
          ObjectNode deferred = DiscordRest.JSON.createObjectNode().put("type", 5);
          if (!deferPublic) {
            deferred.putObject("data").put("flags", EPHEMERAL);
          }
          return deferred;
        },
        result -> {
          if (result.ok() || !deferPublic) {
            editOriginal(interaction, reply(user, result),
                components(channel, result.ok() ? result.actions() : List.of()),
                FOLLOW_UP_ATTEMPTS);
          } else {
            // The "thinking" answer is public; a refusal is for the asker only.
            editOriginal(interaction, "Nothing was changed.", null, FOLLOW_UP_ATTEMPTS);
            followUp(interaction, reply(user, result), FOLLOW_UP_ATTEMPTS);
          }
        });
  }

  /**
   * {@code /clarion link code:<code>}: binds the Discord account to the Clarion user the code was
   * made for. The answer is always ephemeral; an option value is not shown to others anyway.
   */
  private ObjectNode link(JsonNode interaction, String user, JsonNode data) {
    String code = "";
    for (JsonNode g : data.path("options").path(0).path("options")) {
      if (g.path("name").asText().equals("code")) {
        code = g.path("value").asText("").strip();
      }
    }
    count.accept("discord_link");
    Commands.Result result = commands.link(user, code);
    return message(result.text().isBlank() ? (result.ok() ? "Linked." : result.code())
        : result.text(), true);
  }

  private static String channelId(JsonNode interaction) {
    return interaction.path("channel_id").asText(
        interaction.path("message").path("channel_id").asText(""));
  }

  /**
   * One row of buttons for a reply's actions (a preview's Confirm and Cancel); their custom ids
   * point at the offered command lines kept in {@link OfferedActions}. Null when there are none.
   */
  private ArrayNode components(String channel, List<Commands.Action> actions) {
    if (actions.isEmpty()) {
      return null;
    }
    List<Commands.Action> shown = actions.subList(0, Math.min(5, actions.size()));
    List<String> customIds = offers.offer(channel, shown);
    ArrayNode components = DiscordRest.JSON.createArrayNode();
    ObjectNode row = components.addObject().put("type", 1);
    ArrayNode buttons = row.putArray("components");
    for (int i = 0; i < shown.size(); i++) {
      Commands.Action action = shown.get(i);
      buttons.addObject().put("type", 2).put("style", switch (action.style()) {
        case PRIMARY -> 1;
        case DANGER -> 4;
        case DEFAULT -> 2;
      }).put("label", IncidentMessage.cut(action.label(), 80)).put("custom_id", customIds.get(i));
    }
    return components;
  }

  /**
   * Runs a catalogue line and answers with {@code now} when it finishes within
   * {@code defer_after_ms}; otherwise answers {@code deferred} and hands the result to
   * {@code later} when it comes.
   */
  private ObjectNode runWithin(JsonNode interaction, String user, String line,
      Function<Commands.Result, ObjectNode> now, Supplier<ObjectNode> deferred,
      Consumer<Commands.Result> later) {
    CompletableFuture<Commands.Result> running =
        CompletableFuture.supplyAsync(() -> commands.run(user, line), workers);
    try {
      return now.apply(running.get(deferAfter.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      count.accept("discord_deferred");
      CompletableFuture<Void> gate = new CompletableFuture<>();
      firstAnswers.put(interaction.path("token").asText(), gate);
      // Async: the gate opens on the thread that sends the first answer, which must not wait.
      running.whenComplete((result, failure) -> gate.thenRunAsync(() -> {
        if (failure != null) {
          log.warn("discord command '{}' failed: {}", line, failure.toString());
          later.accept(new Commands.Result(false, "internal",
              "Clarion could not run that command."));
        } else {
          later.accept(result);
        }
      }, workers));
      return deferred.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return message("Clarion is shutting down.", true);
    } catch (ExecutionException e) {
      log.warn("discord command '{}' failed: {}", line, e.getCause().toString());
      return message("Clarion could not run that command.", true);
    }
  }

  private ObjectNode press(JsonNode interaction) {
    String user = userId(interaction);
    String channel = channelId(interaction);
    String customId = interaction.path("data").path("custom_id").asText(null);
    if (offers.isOffer(customId)) {
      return pressOffer(interaction, user, channel, customId);
    }
    Optional<IncidentButtons.Press> press = ids.verify(customId, channel);
    if (press.isEmpty()) {
      count.accept("discord_button_rejected");
      return message("This button is not valid.", true);
    }
    // Acknowledged without a message (6) on success: the core's update edits the incident
    // message. A slow press is acknowledged the same way, and a late refusal follows privately.
    return runWithin(interaction, user, press.get().commandLine(),
        result -> {
          count.accept("discord_button_" + (result.ok() ? "ok" : result.code()));
          if (result.ok() && press.get().action() == IncidentButtons.Action.RUNBOOK) {
            return message(reply(user, result), !result.shared());
          }
          return result.ok() ? DiscordRest.JSON.createObjectNode().put("type", 6)
              : message(reply(user, result), true);
        },
        () -> DiscordRest.JSON.createObjectNode().put("type", 6),
        result -> {
          count.accept("discord_button_" + (result.ok() ? "ok" : result.code()));
          if (!result.ok() || press.get().action() == IncidentButtons.Action.RUNBOOK) {
            followUp(interaction, reply(user, result), FOLLOW_UP_ATTEMPTS);
          }
        });
  }

  /**
   * A reply's button (Confirm/Cancel): it runs exactly the offered line as the presser and
   * replaces the reply with the outcome, without buttons (7 = update the message). Cancel only
   * removes the buttons. A refused press leaves the buttons for someone who may.
   */
  private ObjectNode pressOffer(JsonNode interaction, String user, String channel,
      String customId) {
    Optional<OfferedActions.Taken> taken = offers.take(customId, channel);
    if (taken.isEmpty()) {
      count.accept("discord_offer_expired");
      return message("This button has expired or was already used; run the command again.",
          true);
    }
    Commands.Action action = taken.get().action();
    String before = interaction.path("message").path("content").asText("");
    if (action.dismisses()) {
      count.accept("discord_offer_dismissed");
      return update(before.isBlank() ? "Cancelled." : before + "\n\nCancelled.");
    }
    return runWithin(interaction, user, action.commandLine(),
        result -> {
          count.accept("discord_offer_" + (result.ok() ? "ok" : result.code()));
          if (!result.ok()) {
            taken.get().giveBack().run();
            return message(reply(user, result), true);
          }
          return update(reply(user, result));
        },
        () -> DiscordRest.JSON.createObjectNode().put("type", 6),
        result -> {
          count.accept("discord_offer_" + (result.ok() ? "ok" : result.code()));
          if (result.ok()) {
            ArrayNode none = DiscordRest.JSON.createArrayNode();
            editOriginal(interaction, reply(user, result), none, FOLLOW_UP_ATTEMPTS);
          } else {
            taken.get().giveBack().run();
            followUp(interaction, reply(user, result), FOLLOW_UP_ATTEMPTS);
          }
        });
  }

  /** Replaces the message a button is on (7): new text, no buttons. */
  private static ObjectNode update(String text) {
    ObjectNode answer = DiscordRest.JSON.createObjectNode().put("type", 7);
    ObjectNode data = answer.putObject("data");
    data.put("content", IncidentMessage.cut(text, 2000));
    data.putArray("components");
    data.putObject("allowed_mentions").putArray("parse");
    return answer;
  }

  private ObjectNode autocomplete(JsonNode interaction) {
    Optional<SlashCommand.Focused> focused = slash.focused(interaction.path("data"));
    String typed = focused.map(SlashCommand.Focused::typed).orElse("").strip();
    ObjectNode answer = DiscordRest.JSON.createObjectNode().put("type", 8);
    ArrayNode choices = answer.putObject("data").putArray("choices");
    if (focused.isPresent() && focused.get().argumentType().equals("service")) {
      for (ServiceInfo s : serviceChoices(services.get(), typed)) {
        String label = s.name().isBlank() || s.name().equals(s.id()) ? s.id()
            : s.name() + " (" + s.id() + ")";
        choices.addObject().put("name", IncidentMessage.cut(label, 100)).put("value", s.id());
      }
      return answer;
    }
    Commands.Result listed = commands.run(userId(interaction), "incident list");
    if (!listed.ok() || focused.isEmpty() || !focused.get().argumentType().equals("incident")) {
      return answer;
    }
    Matcher m = LISTED.matcher(listed.text());
    while (m.find() && choices.size() < MAX_CHOICES) {
      if (m.group(1).startsWith(typed.replace("#", ""))) {
        choices.addObject().put("name", IncidentMessage.cut("#" + m.group(1) + " "
            + m.group(2).strip(), 100)).put("value", Long.parseLong(m.group(1)));
      }
    }
    return answer;
  }

  /**
   * The services whose id or name matches {@code typed} (case-insensitive): those starting with it
   * first, then those containing it, each group in configuration order; at most
   * {@link #MAX_CHOICES}. Nothing typed: the first services.
   */
  static List<ServiceInfo> serviceChoices(List<ServiceInfo> all, String typed) {
    String t = typed.strip().toLowerCase(Locale.ROOT);
    List<ServiceInfo> prefix = new ArrayList<>();
    List<ServiceInfo> inside = new ArrayList<>();
    for (ServiceInfo s : all) {
      String id = s.id().toLowerCase(Locale.ROOT);
      String name = s.name().toLowerCase(Locale.ROOT);
      if (id.startsWith(t) || name.startsWith(t)) {
        prefix.add(s);
      } else if (id.contains(t) || name.contains(t)) {
        inside.add(s);
      }
    }
    prefix.addAll(inside);
    return List.copyOf(prefix.subList(0, Math.min(prefix.size(), MAX_CHOICES)));
  }

  private void editOriginal(JsonNode interaction, String text, ArrayNode components,
      int attemptsLeft) {
    ObjectNode body = DiscordRest.JSON.createObjectNode()
        .put("content", IncidentMessage.cut(text, 2000));
    if (components != null) {
      body.set("components", components);
    }
    body.putObject("allowed_mentions").putArray("parse");
    webhook(interaction, "PATCH", "/messages/@original", body, attemptsLeft);
  }

  /** A further reply only the person sees (after a deferred answer). */
  private void followUp(JsonNode interaction, String text, int attemptsLeft) {
    ObjectNode body = DiscordRest.JSON.createObjectNode()
        .put("content", IncidentMessage.cut(text, 2000)).put("flags", EPHEMERAL);
    body.putObject("allowed_mentions").putArray("parse");
    webhook(interaction, "POST", "", body, attemptsLeft);
  }

  private void callback(JsonNode interaction, ObjectNode body, int attemptsLeft) {
    send(interaction, "POST", "/interactions/" + interaction.path("id").asText() + "/"
        + interaction.path("token").asText() + "/callback", body, attemptsLeft);
  }

  private void webhook(JsonNode interaction, String method, String suffix, ObjectNode body,
      int attemptsLeft) {
    send(interaction, method, "/webhooks/" + interaction.path("application_id").asText() + "/"
        + interaction.path("token").asText() + suffix, body, attemptsLeft);
  }

  private void send(JsonNode interaction, String method, String path, ObjectNode body,
      int attemptsLeft) {
    try {
      DiscordRest.Answer answer = rest.sendUnauthenticated(method, path, body);
      if (answer.status() == 429 && attemptsLeft > 1) {
        workers.schedule(() -> send(interaction, method, path, body, attemptsLeft - 1),
            answer.retryAfter().orElse(DiscordRest.DEFAULT_RETRY_AFTER).toMillis(),
            TimeUnit.MILLISECONDS);
      } else if (!answer.ok()) {
        log.info("discord follow-up {} failed: {} {}", method, answer.status(), answer.body());
      } else {
        count.accept("discord_follow_up");
      }
    } catch (IOException e) {
      log.info("discord follow-up {} failed: {}", method, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static ObjectNode message(String text, boolean ephemeral) {
    return answer(text, ephemeral, null);
  }

  private static ObjectNode answer(String text, boolean ephemeral, ArrayNode components) {
    ObjectNode answer = DiscordRest.JSON.createObjectNode().put("type", 4);
    ObjectNode data = answer.putObject("data");
    data.put("content", IncidentMessage.cut(text.isBlank() ? "Done." : text, 2000));
    data.putObject("allowed_mentions").putArray("parse");
    if (ephemeral) {
      data.put("flags", EPHEMERAL);
    }
    if (components != null) {
      data.set("components", components);
    }
    return answer;
  }

  private static boolean ephemeral(Commands.Result result) {
    return !result.ok() || !result.shared();
  }

  static String reply(String user, Commands.Result result) {
    if (!result.ok() && "unauthenticated".equals(result.code())) {
      return String.format(LINK_HELP, user, user);
    }
    return result.text().isBlank() ? (result.ok() ? "Done." : result.code()) : result.text();
  }
}
