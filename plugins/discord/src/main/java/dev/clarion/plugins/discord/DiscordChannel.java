package dev.clarion.plugins.discord;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clarion.api.Capability;
import dev.clarion.api.ChannelContext;
import dev.clarion.api.ChannelPlugin;
import dev.clarion.api.DeliveryResult;
import dev.clarion.api.IncidentButtons;
import dev.clarion.api.MessageRef;
import dev.clarion.api.OfferedActions;
import dev.clarion.api.Outgoing;
import dev.clarion.api.RateLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discord as a two-way channel. {@link #deliver} posts (or edits) one incident embed with signed
 * buttons; slash commands, presses and autocomplete arrive over JDA's gateway connection
 * ({@link GatewayInbound}, the default) or on the Ed25519-verified HTTP interactions endpoint,
 * both handled by {@link Interactions}, and run the command catalogue as the Clarion user the
 * Discord account
 * belongs to. Discord's limits (50 requests/s per bot, about 5 messages per 5 s per channel) are
 * declared to the core; a 429 becomes {@link DeliveryResult.RetryAfter} with Discord's
 * {@code retry_after}. Deliveries use Discord's REST directly ({@link DiscordRest}) rather than
 * JDA's, because JDA retries a 429 itself and would hide the wait the core must schedule.
 */
@Extension
public final class DiscordChannel implements ChannelPlugin {
  private static final Logger log = LoggerFactory.getLogger(DiscordChannel.class);
  static final RateLimits LIMITS = new RateLimits(RateLimits.Rate.perSecond(50),
      new RateLimits.Rate(5, Duration.ofSeconds(5)));

  private volatile ChannelContext context;
  private volatile DiscordRest rest;
  private volatile IncidentButtons ids;
  private volatile ScheduledExecutorService workers;
  private volatile JDA jda;

  @Override
  public String id() {
    return "discord";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.BUTTONS, Capability.SLASH_COMMANDS, Capability.EDIT_MESSAGE);
  }

  @Override
  public RateLimits rateLimits() {
    return LIMITS;
  }

  @Override
  public void start(ChannelContext context) {
    this.context = context;
    DiscordSettings s = DiscordSettings.from(context.config());
    rest = new DiscordRest(s.apiUrl(), s.token());
    ids = new IncidentButtons(s.customIdKey(), "clarion:", 100);
    AtomicInteger threads = new AtomicInteger();
    workers = Executors.newScheduledThreadPool(4, r -> {
      Thread t = new Thread(r, "discord-interactions-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    SlashCommand slash = SlashCommand.from(context.commands().catalogue());
    Optional<String> application = s.applicationId().or(this::askApplicationId);
    if (s.registerCommands()) {
      application.ifPresentOrElse(app -> registerCommands(app, slash), () -> log.warn(
          "discord: no application id, /clarion is not registered (set discord.application_id)"));
    }
    Interactions interactions = new Interactions(rest, context.commands(), context::services,
        new InteractionSignatures(s.publicKey(), context.clock()), ids, slash,
        new OfferedActions(context.clock(), "clarion:x:"), s.deferAfter(), workers, context::count);
    // Mounted in both modes: Discord uses it as soon as the portal has an endpoint URL.
    context.routes().post("/interactions", interactions::handle);
    if (s.mode() == DiscordSettings.Mode.GATEWAY) {
      connectGateway(s, new GatewayInbound(interactions, workers));
    }
  }

  /**
   * JDA's gateway, light: no intents (interactions need none), no member or message cache, raw
   * events on so {@link GatewayInbound} sees interactions as JSON. Not awaited: Discord being
   * unreachable at boot must not stop paging, and JDA keeps reconnecting on its own.
   */
  private void connectGateway(DiscordSettings s, GatewayInbound inbound) {
    try {
      JDABuilder builder = JDABuilder.createLight(s.token(), List.<GatewayIntent>of())
          .setRestConfig(new RestConfig().setBaseUrl(s.apiUrl() + "/"))
          .setRawEventsEnabled(true)
          .setEnableShutdownHook(false)
          .addEventListeners(inbound);
      s.gatewayUrl().ifPresent(url -> builder.setCompression(Compression.NONE)
          .setSessionController(new SessionControllerAdapter() {
            @Override
            public String getGateway() {
              return url;
            }
          }));
      jda = builder.build();
    } catch (RuntimeException e) {
      log.warn("discord: gateway not connected ({}); the HTTP endpoint still works",
          e.toString());
    }
  }

  /** A bot user's id is its application's id; Discord being down at boot only costs the menu. */
  private Optional<String> askApplicationId() {
    try {
      DiscordRest.Answer me = rest.get("/users/@me");
      if (me.ok() && me.body().hasNonNull("id")) {
        return Optional.of(me.body().get("id").asText());
      }
      log.warn("discord users/@me answered {}: {}", me.status(), me.body());
    } catch (IOException e) {
      log.warn("discord users/@me failed: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }

  private void registerCommands(String application, SlashCommand slash) {
    try {
      DiscordRest.Answer answer = rest.send("PUT", "/applications/" + application + "/commands",
          slash.registration());
      if (!answer.ok()) {
        log.warn("discord command registration answered {}: {}", answer.status(), answer.body());
      }
    } catch (IOException e) {
      log.warn("discord command registration failed: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public DeliveryResult deliver(Outgoing message) {
    String channel = message.destination().strip();
    if (!channel.matches("\\d{1,20}")) {
      return DeliveryResult.permanentFailure("not a Discord channel id: " + channel);
    }
    ObjectNode body = IncidentMessage.render(message.fields(), ids, channel);
    try {
      if (message.replaces().isPresent()) {
        Optional<String> messageId = messageId(message.replaces().get(), channel);
        if (messageId.isPresent()) {
          DiscordRest.Answer edited = rest.send("PATCH",
              "/channels/" + channel + "/messages/" + messageId.get(), body);
          // 404: the message was deleted; post a new one below.
          if (edited.status() != 404) {
            context.count("discord_edited");
            return result(edited, message.replaces().get());
          }
        }
      }
      // The same notification retried (after a timeout whose request did reach Discord) must not
      // post twice: Discord returns the first message for a repeated nonce.
      body.put("nonce", nonce(message.key())).put("enforce_nonce", true);
      DiscordRest.Answer posted = rest.send("POST", "/channels/" + channel + "/messages", body);
      if (!posted.ok()) {
        return result(posted, null);
      }
      context.count("discord_sent");
      return DeliveryResult.delivered(channel + ":" + posted.body().path("id").asText());
    } catch (IOException e) {
      return DeliveryResult.transientFailure("Discord unreachable: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DeliveryResult.transientFailure("interrupted");
    }
  }

  /** Discord's nonce is at most 25 characters: 18 bytes of SHA-256 of the key, base64url. */
  static String nonce(String key) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(key.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 18));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DeliveryResult result(DiscordRest.Answer answer, MessageRef ref) {
    if (answer.ok()) {
      return new DeliveryResult.Delivered(ref);
    }
    String reason = "Discord " + answer.status() + ": " + answer.body();
    if (answer.status() == 429) {
      return DeliveryResult.retryAfter(answer.retryAfter().orElse(DiscordRest.DEFAULT_RETRY_AFTER));
    }
    if (answer.status() >= 500) {
      return DeliveryResult.transientFailure(reason);
    }
    // 400 bad request, 401 bad token, 403 missing access, 404 unknown channel.
    return DeliveryResult.permanentFailure(reason);
  }

  private static Optional<String> messageId(MessageRef ref, String channel) {
    String[] parts = ref.value().split(":", 2);
    return parts.length == 2 && parts[0].equals(channel) ? Optional.of(parts[1])
        : Optional.empty();
  }

  @Override
  public void stop() {
    if (jda != null) {
      jda.shutdownNow();
    }
    if (workers != null) {
      workers.shutdownNow();
      try {
        workers.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
