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
import java.nio.charset.StandardCharsets;
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
 * through {@link Commands}, which maps the Slack id to a Clarion user and audits.
 *
 * <p>Replies: a command that changed an incident is answered in the channel, everything else only
 * to the person. A button press is acknowledged with an empty 200; the incident message itself is
 * edited by the core's notification flow (the state change notifies the channel, which
 * {@code chat.update}s the message), so a press and a slash command update it the same way.
 */
final class SlackInbound {
  private static final Logger log = LoggerFactory.getLogger(SlackInbound.class);
  static final String LINK_HELP = "Your Slack account is not linked to a Clarion user, so nothing"
      + " was changed. Ask an admin to add `chat: { slack: %s }` to your entry under `users:` in"
      + " clarion.yml.";

  private final Slack slack;
  private final String botToken;
  private final Commands commands;
  private final RequestSignatures signatures;
  private final Consumer<String> count;
  private final AppConfig appConfig;
  private final App app;
  private final SlackRequestParser parser;

  SlackInbound(Slack slack, String botToken, String command, Commands commands,
      RequestSignatures signatures, Consumer<String> count) {
    this.slack = slack;
    this.botToken = botToken;
    this.commands = commands;
    this.signatures = signatures;
    this.count = count;
    // Signatures are checked before Bolt sees the request (with our clock and a replay memory).
    this.appConfig = AppConfig.builder().slack(slack).singleTeamBotToken(botToken)
        .signingSecret("checked-by-RequestSignatures").requestVerificationEnabled(false).build();
    this.app = new App(appConfig);
    this.parser = new SlackRequestParser(appConfig);
    app.command(command, (req, ctx) -> {
      String user = req.getPayload().getUserId();
      String text = req.getPayload().getText();
      Commands.Result result =
          commands.run(user, text == null || text.isBlank() ? "help" : text.strip());
      count.accept("slack_command_" + (result.ok() ? "ok" : result.code()));
      return ctx.ack(r -> r.responseType(result.shared() ? "in_channel" : "ephemeral")
          .text(reply(user, result)));
    });
    app.blockAction(IncidentMessage.ACK, (req, ctx) -> press(req, ctx, "incident ack"));
    app.blockAction(IncidentMessage.RESOLVE, (req, ctx) -> press(req, ctx, "incident resolve"));
    app.blockAction(IncidentMessage.ESCALATE,
        (req, ctx) -> press(req, ctx, "incident escalate"));
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
    BlockActionPayload payload = req.getPayload();
    String user = payload.getUser().getId();
    String incident = payload.getActions().get(0).getValue();
    Commands.Result result = commands.run(user, verb + " " + incident);
    count.accept("slack_button_" + (result.ok() ? "ok" : result.code()));
    if (!result.ok() && payload.getChannel() != null) {
      try {
        slack.methods(botToken).chatPostEphemeral(r -> r.channel(payload.getChannel().getId())
            .user(user).text(reply(user, result)));
      } catch (Exception e) {
        log.warn("cannot tell {} why their button press failed: {}", user, e.toString());
      }
    }
    return ctx.ack();
  }

  static String reply(String slackUser, Commands.Result result) {
    if (!result.ok() && "unauthenticated".equals(result.code())) {
      return String.format(LINK_HELP, slackUser);
    }
    return result.text();
  }
}
