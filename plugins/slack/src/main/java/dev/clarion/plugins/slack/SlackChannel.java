package dev.clarion.plugins.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import dev.clarion.api.Capability;
import dev.clarion.api.ChannelContext;
import dev.clarion.api.ChannelPlugin;
import dev.clarion.api.DeliveryResult;
import dev.clarion.api.MessageRef;
import dev.clarion.api.Outgoing;
import dev.clarion.api.RateLimits;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Slack through its Web API and Bolt. {@link #deliver} posts a Block Kit incident message with
 * {@code chat.postMessage} and, for later changes of the same incident, edits it in place with
 * {@code chat.update}; the message ref is {@code channel/ts}. Inbound slash commands and button
 * presses are handled by {@link SlackInbound}. Retries and pacing belong to the core: a 429 becomes
 * {@link DeliveryResult.RetryAfter}, and {@link #rateLimits()} states Slack's documented limits.
 */
@Extension
public final class SlackChannel implements ChannelPlugin {
  /**
   * chat.postMessage allows about one message per second per channel, checked by Slack on arrival;
   * the margin keeps network jitter from turning a paced burst into 429s and reordering.
   */
  static final RateLimits.Rate PER_CHANNEL = new RateLimits.Rate(1, Duration.ofMillis(1100));
  /** Without a Retry-After header, a 429 pauses the channel this long. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);
  /** Slack errors worth retrying; every other {@code ok:false} error is permanent. */
  static final Set<String> TRANSIENT_ERRORS = Set.of("ratelimited", "internal_error",
      "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org");
  /** chat.update cannot edit this message any more: post a fresh one instead. */
  static final Set<String> GONE_ERRORS =
      Set.of("message_not_found", "cant_update_message", "edit_window_closed");

  private volatile RateLimits limits =
      new RateLimits(RateLimits.Rate.perSecond(10), PER_CHANNEL);
  private volatile ChannelContext context;
  private volatile Slack slack;
  private volatile String botToken;
  private volatile SlackInbound inbound;
  private volatile SocketModeApp socket;

  @Override
  public String id() {
    return "slack";
  }

  @Override
  public Set<Capability> capabilities() {
    return Set.of(Capability.BUTTONS, Capability.SLASH_COMMANDS, Capability.EDIT_MESSAGE,
        Capability.THREADS);
  }

  @Override
  public RateLimits rateLimits() {
    return limits;
  }

  @Override
  public void start(ChannelContext context) {
    this.context = context;
    Map<String, Object> config = context.config();
    if (!config.containsKey("bot_token")) {
      // Loaded but not configured (no slack: section): nothing to mount, deliveries fail loudly.
      return;
    }
    botToken = (String) config.get("bot_token");
    String signingSecret = (String) config.get("signing_secret");
    String command = (String) config.getOrDefault("command", "/clarion");
    int global = ((Number) config.getOrDefault("global_per_second", 10)).intValue();
    limits = new RateLimits(RateLimits.Rate.perSecond(global), PER_CHANNEL);

    SlackConfig slackConfig = new SlackConfig();
    slackConfig.setStatsEnabled(false);
    Optional.ofNullable((String) config.get("api_url"))
        .ifPresent(slackConfig::setMethodsEndpointUrlPrefix);
    slack = Slack.getInstance(slackConfig);
    inbound = new SlackInbound(slack, botToken, command, context.commands(),
        new RequestSignatures(signingSecret, context.clock()),
        new SignedActions(signingSecret, context.clock()), context::count);
    context.identities(new SlackIdentities(slack, botToken, context.clock(), context::count));
    inbound.mount(context.routes());
    inbound.warmUp();
    String appToken = (String) config.get("app_token");
    if (appToken != null) {
      try {
        socket = inbound.connect(appToken);
      } catch (Exception e) {
        throw new IllegalStateException("slack: cannot open the Socket Mode connection: " + e, e);
      }
    }
  }

  @Override
  public DeliveryResult deliver(Outgoing message) {
    if (slack == null) {
      return DeliveryResult.permanentFailure("slack is not configured (no slack: section)");
    }
    MethodsClient client = slack.methods(botToken);
    try {
      if (message.thread().isPresent()) {
        return reply(client, message.thread().get(), message);
      }
      if (message.replaces().isPresent()) {
        DeliveryResult edited = update(client, message.replaces().get(), message);
        if (edited != null) {
          return edited;
        }
      }
      ChatPostMessageResponse posted = client.chatPostMessage(r -> r
          .channel(message.destination())
          .text(IncidentMessage.text(message.fields()))
          .blocks(IncidentMessage.blocks(message.fields())));
      context.count("slack_post_" + (posted.isOk() ? "ok" : "error"));
      if (!posted.isOk()) {
        return failed("chat.postMessage", posted);
      }
      return DeliveryResult.delivered(posted.getChannel() + "/" + posted.getTs());
    } catch (SlackApiException e) {
      return rejected(e);
    } catch (IOException e) {
      return DeliveryResult.transientFailure("slack unreachable: " + e);
    }
  }

  /**
   * A timeline entry as a reply in the incident message's thread (not broadcast to the channel, so
   * the channel stays a list of incidents). Slack's per-channel posting limit covers replies too.
   */
  private DeliveryResult reply(MethodsClient client, MessageRef parent, Outgoing message)
      throws IOException, SlackApiException {
    int slash = parent.value().indexOf('/');
    if (slash < 0) {
      return DeliveryResult.permanentFailure("not a Slack message ref: " + parent.value());
    }
    String channel = parent.value().substring(0, slash);
    String ts = parent.value().substring(slash + 1);
    ChatPostMessageResponse posted = client.chatPostMessage(r -> r
        .channel(channel)
        .threadTs(ts)
        .mrkdwn(true)
        .text(IncidentMessage.timelineText(message.fields())));
    context.count("slack_thread_" + (posted.isOk() ? "ok" : "error"));
    if (!posted.isOk()) {
      return failed("chat.postMessage", posted);
    }
    return DeliveryResult.delivered(posted.getChannel() + "/" + posted.getTs());
  }

  /** Edits the earlier message; {@code null} when it is gone and a new one should be posted. */
  private DeliveryResult update(MethodsClient client, MessageRef ref, Outgoing message)
      throws IOException, SlackApiException {
    int slash = ref.value().indexOf('/');
    if (slash < 0) {
      return null;
    }
    String channel = ref.value().substring(0, slash);
    String ts = ref.value().substring(slash + 1);
    ChatUpdateResponse updated = client.chatUpdate(r -> r
        .channel(channel)
        .ts(ts)
        .text(IncidentMessage.text(message.fields()))
        .blocks(IncidentMessage.blocks(message.fields())));
    context.count("slack_update_" + (updated.isOk() ? "ok" : "error"));
    if (updated.isOk()) {
      return new DeliveryResult.Delivered(ref);
    }
    if (GONE_ERRORS.contains(updated.getError())) {
      return null;
    }
    return failed("chat.update", updated);
  }

  static DeliveryResult failed(String method, SlackApiTextResponse response) {
    String error = String.valueOf(response.getError());
    return new DeliveryResult.Failed(!TRANSIENT_ERRORS.contains(error), method + ": " + error);
  }

  /** An HTTP-level refusal: 429 with Retry-After, 5xx transient, other 4xx permanent. */
  static DeliveryResult rejected(SlackApiException e) {
    int status = e.getResponse().code();
    if (status == 429) {
      return DeliveryResult.retryAfter(retryAfter(e.getResponse().header("Retry-After")));
    }
    String reason = "HTTP " + status + (e.getError() == null ? "" : " " + e.getError().getError());
    return new DeliveryResult.Failed(status / 100 == 4 && status != 408, reason);
  }

  /** Slack sends delta-seconds. */
  static Duration retryAfter(String header) {
    if (header == null) {
      return DEFAULT_RETRY_AFTER;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
    } catch (NumberFormatException e) {
      return DEFAULT_RETRY_AFTER;
    }
  }

  @Override
  public void stop() {
    if (inbound != null) {
      inbound.stop();
    }
    if (socket != null) {
      try {
        socket.close();
      } catch (Exception e) {
        // the connection is going away either way
      }
    }
    if (slack != null) {
      try {
        slack.close();
      } catch (Exception e) {
        // closing the HTTP client's pools; nothing to recover
      }
    }
  }
}
