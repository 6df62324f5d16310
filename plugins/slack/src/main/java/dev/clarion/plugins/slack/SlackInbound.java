package dev.clarion.plugins.slack;

import com.slack.api.Slack;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.bolt.util.SlackRequestParser;
import com.slack.api.socket_mode.SocketModeClient;
import dev.clarion.api.Commands;
import dev.clarion.api.HttpRoutes;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack → Clarion over HTTP: {@code /commands} (slash commands), {@code /interactivity} (button
 * presses) and {@code /events} (URL verification), mounted under {@code /channels/slack/}. Every
 * request passes {@link RequestSignatures} first — a forged, stale or replayed one gets 401 before
 * anything is parsed — then Bolt's {@link App#run} dispatches it. Commands run as the Slack user
 * through {@link Commands}, which maps the Slack id to a Clarion user (by configuration, else by
 * the e-mail {@link SlackIdentities} reports) and audits.
 *
 * <p>Slack wants every request answered within 3 seconds. Commands and presses run on a small pool
 * of their own; what finishes within {@link #ACK_BUDGET} is answered in the acknowledgement, and
 * anything slower (a slow database, a first {@code users.info} lookup) is acknowledged empty and
 * answered when done through the request's {@code response_url}.
 *
 * <p>Replies: a command that changed an incident is answered in the channel, everything else only
 * to the person. A reply that offers follow-ups (a preview's Confirm/Cancel) carries them as
 * buttons whose values are {@link SignedActions signed}; Confirm runs exactly the offered line as
 * the presser and replaces the preview with the outcome (posted to the channel instead when it
 * changed shared state), Cancel deletes the preview. The incident
 * message's own buttons (Acknowledge, Resolve, Escalate now, Run runbook) are acknowledged with an
 * empty 200; the incident message itself is edited by the core's notification flow, so a press and
 * a slash command update it the same way.
 */
final class SlackInbound {
  private static final Logger log = LoggerFactory.getLogger(SlackInbound.class);
  static final String LINK_HELP = "Your Slack account is not linked to a Clarion user, so nothing"
      + " was changed. Ask an admin to put the e-mail of your Slack profile as your `email:` under"
      + " `users:` in clarion.yml, or to add `chat: { slack: %s }` to your entry there.";
  /** How long a request may run before it is acknowledged and answered via response_url. */
  static final Duration ACK_BUDGET = Duration.ofMillis(2000);

  private final Slack slack;
  private final String botToken;
  private final Commands commands;
  private final RequestSignatures signatures;
  private final SignedActions offers;
  private final Consumer<String> count;
  private final AppConfig appConfig;
  private final App app;
  private final SlackRequestParser parser;
  private final ExecutorService workers = Executors.newFixedThreadPool(8, r -> {
    Thread t = new Thread(r, "slack-commands");
    t.setDaemon(true);
    return t;
  });

  SlackInbound(Slack slack, String botToken, String command, Commands commands,
      RequestSignatures signatures, SignedActions offers, Consumer<String> count) {
    this.slack = slack;
    this.botToken = botToken;
    this.commands = commands;
    this.signatures = signatures;
    this.offers = offers;
    this.count = count;
    // Signatures are checked before Bolt sees the request (with our clock and a replay memory).
    this.appConfig = AppConfig.builder().slack(slack).singleTeamBotToken(botToken)
        .signingSecret("checked-by-RequestSignatures").requestVerificationEnabled(false).build();
    this.app = new App(appConfig);
    this.parser = new SlackRequestParser(appConfig);
    app.command(command, (req, ctx) -> {
      String user = req.getPayload().getUserId();
      String text = req.getPayload().getText();
      String line = text == null || text.isBlank() ? "help" : text.strip();
      CompletableFuture<Commands.Result> work = run(user, line);
      Optional<Commands.Result> inTime = within(work, ACK_BUDGET);
      if (inTime.isPresent()) {
        count.accept("slack_command_" + (inTime.get().ok() ? "ok" : inTime.get().code()));
        return ctx.ack(slashReply(user, inTime.get()));
      }
      count.accept("slack_command_deferred");
      work.thenAccept(result -> {
        count.accept("slack_command_" + (result.ok() ? "ok" : result.code()));
        try {
          ctx.respond(slashReply(user, result));
        } catch (Exception e) {
          log.warn("slack: cannot deliver the late reply to {}: {}", user, e.toString());
        }
      });
      return ctx.ack();
    });
    app.blockAction(IncidentMessage.ACK, (req, ctx) -> press(req, ctx, "incident ack"));
    app.blockAction(IncidentMessage.RESOLVE, (req, ctx) -> press(req, ctx, "incident resolve"));
    app.blockAction(IncidentMessage.ESCALATE,
        (req, ctx) -> press(req, ctx, "incident escalate"));
    app.blockAction(Pattern.compile(Pattern.quote(IncidentMessage.RUNBOOK) + "[0-9]+"),
        this::runbook);
    app.blockAction(Pattern.compile(Pattern.quote(ReplyMessage.OFFER) + "[0-9]+"), this::offer);
    app.blockAction(ReplyMessage.DISMISS, (req, ctx) -> {
      respondLater(ctx, r -> r.deleteOriginal(true));
      return ctx.ack();
    });
  }

  /**
   * Starts Bolt now rather than on the first request: it checks the token with {@code auth.test}
   * and loads the HTTP and JSON stack, so neither the first press nor the first post pays for it.
   * Slack being unreachable at boot must not disable paging, so a failure only logs; Bolt tries
   * again on the first request.
   */
  void warmUp() {
    try {
      app.start();
    } catch (RuntimeException e) {
      log.warn("slack: cannot verify the bot token yet ({}); retrying on the first request",
          e.getMessage());
    }
  }

  /**
   * Socket Mode: Slack pushes the same commands and presses over a WebSocket that Clarion opens
   * with the app-level token ({@code xapp-…}), so no public URL is needed. Requests on it are not
   * signed (the connection itself is authenticated); Bolt acks each envelope with our response.
   */
  SocketModeApp connect(String appToken) throws Exception {
    SocketModeApp socket = new SocketModeApp(appToken, app, SocketModeClient.Backend.JavaWebSocket);
    socket.startAsync();
    return socket;
  }

  void mount(HttpRoutes routes) {
    routes.post("/commands", this::handle);
    routes.post("/interactivity", this::handle);
    routes.post("/events", this::handle);
  }

  HttpRoutes.Response handle(HttpRoutes.Request request) {
    RequestSignatures.Verdict verdict = signatures.verify(
        request.header("X-Slack-Request-Timestamp"), request.header("X-Slack-Signature"),
        request.body());
    if (verdict != RequestSignatures.Verdict.ACCEPTED) {
      String reason = verdict.name().toLowerCase(Locale.ROOT);
      count.accept("slack_request_" + reason);
      return HttpRoutes.Response.json(401, "{\"error\":\"signature " + reason + "\"}");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    request.headers().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.of(v)));
    Map<String, List<String>> query = new LinkedHashMap<>();
    request.query().forEach((k, v) -> query.put(k, List.of(v)));
    try {
      var slackRequest = parser.parse(SlackRequestParser.HttpRequest.builder()
          .requestUri(request.path())
          .queryString(query)
          .headers(new RequestHeaders(headers))
          .requestBody(new String(request.body(), StandardCharsets.UTF_8))
          .remoteAddress("")
          .build());
      var response = app.run(slackRequest);
      String type = response.getContentType() == null ? "text/plain" : response.getContentType();
      return new HttpRoutes.Response(response.getStatusCode(), type,
          response.getBody() == null ? "" : response.getBody());
    } catch (Exception e) {
      log.warn("slack request to {} failed: {}", request.path(), e.toString());
      return HttpRoutes.Response.json(500, "{\"error\":\"internal\"}");
    }
  }

  /** A button on an incident message: run the command as the presser, tell only them on failure. */
  private com.slack.api.bolt.response.Response press(BlockActionRequest req, ActionContext ctx,
      String verb) {
    return pressed(req, ctx, verb + " " + req.getPayload().getActions().get(0).getValue());
  }

  /** A "Run <runbook>" button: its value is {@code "<runbook> <incident>"}, checked strictly. */
  private com.slack.api.bolt.response.Response runbook(BlockActionRequest req, ActionContext ctx) {
    Optional<String> line =
        IncidentMessage.runbookCommand(req.getPayload().getActions().get(0).getValue());
    if (line.isEmpty()) {
      count.accept("slack_button_invalid");
      tellPresser(req.getPayload(), "That button is not valid; nothing was run.");
      return ctx.ack();
    }
    return pressed(req, ctx, line.get());
  }

  private com.slack.api.bolt.response.Response pressed(BlockActionRequest req, ActionContext ctx,
      String line) {
    BlockActionPayload payload = req.getPayload();
    String user = payload.getUser().getId();
    CompletableFuture<Commands.Result> work = run(user, line).thenApply(result -> {
      count.accept("slack_button_" + (result.ok() ? "ok" : result.code()));
      if (!result.ok()) {
        tellPresser(payload, reply(user, result));
      }
      return result;
    });
    within(work, ACK_BUDGET);
    return ctx.ack();
  }

  /**
   * A button from a reply's offered actions (a preview's Confirm): runs exactly the signed line as
   * the presser and replaces the preview with the outcome, or posts the outcome to the channel and
   * removes the preview when it changed shared state; an altered or expired value runs nothing.
   */
  private com.slack.api.bolt.response.Response offer(BlockActionRequest req, ActionContext ctx) {
    BlockActionPayload payload = req.getPayload();
    String user = payload.getUser().getId();
    SignedActions.Verdict verdict = offers.verify(payload.getActions().get(0).getValue());
    if (verdict instanceof SignedActions.Verdict.Valid valid) {
      run(user, valid.commandLine()).thenAccept(result -> {
        count.accept("slack_offer_" + (result.ok() ? "ok" : result.code()));
        String text = reply(user, result);
        if (result.shared()) {
          // Everyone in the conversation sees the change; the preview only the presser saw goes.
          respond(ctx, r -> r.responseType("in_channel").replaceOriginal(false).text(text)
              .blocks(ReplyMessage.blocks(result, text, offers).orElse(null)));
          respond(ctx, r -> r.deleteOriginal(true));
        } else {
          respond(ctx, r -> r.replaceOriginal(true).text(text)
              .blocks(ReplyMessage.blocks(result, text, offers).orElse(null)));
        }
      });
    } else {
      boolean expired = verdict instanceof SignedActions.Verdict.Expired;
      count.accept("slack_offer_" + (expired ? "expired" : "forged"));
      respondLater(ctx, r -> r.replaceOriginal(true).text(expired
          ? "These buttons have expired, so nothing was run. Run the command again."
          : "That button was not issued by Clarion, so nothing was run."));
    }
    return ctx.ack();
  }

  /** Answers through the press's response_url after the ack (Slack takes five within 30 min). */
  private void respondLater(ActionContext ctx,
      com.slack.api.bolt.util.BuilderConfigurator<ActionResponse.ActionResponseBuilder> response) {
    workers.execute(() -> respond(ctx, response));
  }

  private void respond(ActionContext ctx,
      com.slack.api.bolt.util.BuilderConfigurator<ActionResponse.ActionResponseBuilder> response) {
    try {
      ctx.respond(response);
    } catch (Exception e) {
      log.warn("slack: cannot answer through response_url: {}", e.toString());
    }
  }

  private void tellPresser(BlockActionPayload payload, String text) {
    if (payload.getChannel() == null) {
      return;
    }
    try {
      slack.methods(botToken).chatPostEphemeral(r -> r.channel(payload.getChannel().getId())
          .user(payload.getUser().getId()).text(text));
    } catch (Exception e) {
      log.warn("cannot tell {} why their button press failed: {}", payload.getUser().getId(),
          e.toString());
    }
  }

  /** Runs a command line as a Slack user on the command pool; never completes exceptionally. */
  CompletableFuture<Commands.Result> run(String user, String line) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return commands.run(user, line);
      } catch (RuntimeException e) {
        log.warn("slack: command '{}' by {} failed: {}", line, user, e.toString());
        return new Commands.Result(false, "internal",
            "Clarion could not run that (" + e.getClass().getSimpleName() + "); see its log.");
      }
    }, workers);
  }

  /** The result if it is there within {@code budget}; otherwise empty and the work goes on. */
  static <T> Optional<T> within(CompletableFuture<T> work, Duration budget) {
    try {
      return Optional.of(work.get(budget.toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private SlashCommandResponse slashReply(String user, Commands.Result result) {
    String text = reply(user, result);
    return SlashCommandResponse.builder()
        .responseType(result.shared() ? "in_channel" : "ephemeral")
        .text(text)
        .blocks(ReplyMessage.blocks(result, text, offers).orElse(null))
        .build();
  }

  static String reply(String slackUser, Commands.Result result) {
    if (!result.ok() && "unauthenticated".equals(result.code())) {
      return String.format(LINK_HELP, slackUser);
    }
    return result.text();
  }

  void stop() {
    workers.shutdownNow();
  }
}
