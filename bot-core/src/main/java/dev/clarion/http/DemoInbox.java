package dev.clarion.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's destination: a webhook receiver inside Clarion ({@code POST /demo/inbox}) and a page
 * showing what arrived ({@code GET /demo/inbox}) with the one-click links, so the whole loop runs
 * without any external account. Also logs each arrival to the terminal. In memory, last 200.
 */
public final class DemoInbox {
  private static final Logger log = LoggerFactory.getLogger("demo-inbox");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int KEEP = 200;

  /** One received request. */
  public record Received(Instant at, String event, String body) {}

  private final Deque<Received> received = new ArrayDeque<>();

  public void register(RoutesConfig routes) {
    routes.post("/demo/inbox", ctx -> {
      Received r = new Received(Instant.now(), String.valueOf(ctx.header("X-Clarion-Event")),
          ctx.body());
      synchronized (received) {
        received.addFirst(r);
        while (received.size() > KEEP) {
          received.removeLast();
        }
      }
      JsonNode json = parse(r.body());
      log.info("inbox <- {}: {}\n    acknowledge: {}\n    resolve:     {}", r.event(),
          json.path("title").asText(r.body()), json.path("links").path("acknowledge").asText("-"),
          json.path("links").path("resolve").asText("-"));
      JsonBodies.send(ctx, 200, Map.of("status", "received"));
    });
    routes.get("/demo/inbox", ctx -> ctx.contentType("text/html; charset=utf-8").result(page()));
  }

  public List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  private String page() {
    StringBuilder html = new StringBuilder("""
        <!doctype html><meta charset=utf-8><meta http-equiv=refresh content=3>
        <title>Clarion demo inbox</title>
        <style>body{font:15px system-ui;margin:2em;max-width:50em}article{border:1px solid #ccc;
        border-radius:6px;padding:.6em 1em;margin:.8em 0}.acknowledged{border-color:#e0a000}
        .resolved{border-color:#2a2;opacity:.8}small{color:#666}a{margin-right:1em}</style>
        <h1>Clarion demo inbox</h1><p>What the demo webhook received, newest first
        (refreshes every 3 s).</p>
        """);
    for (Received r : received()) {
      JsonNode json = parse(r.body());
      html.append("<article class=\"").append(esc(r.event())).append("\"><small>")
          .append(esc(r.at().toString())).append(" · ").append(esc(r.event()))
          .append("</small><h3>").append(esc(json.path("title").asText("(not JSON)")))
          .append("</h3>");
      JsonNode incident = json.path("incident");
      if (incident.isObject()) {
        html.append("<p>").append(esc(incident.path("service").asText())).append(" · ")
            .append(esc(incident.path("status").asText())).append(" · ")
            .append(esc(incident.path("priority").asText())).append(" · ")
            .append(esc(incident.path("modified").asText())).append("</p>");
      }
      JsonNode links = json.path("links");
      if (links.isObject()) {
        html.append("<p><a href=\"").append(esc(links.path("acknowledge").asText()))
            .append("\">Acknowledge</a><a href=\"").append(esc(links.path("resolve").asText()))
            .append("\">Resolve</a></p>");
      } else {
        html.append("<pre>").append(esc(r.body())).append("</pre>");
      }
      html.append("</article>");
    }
    return html.toString();
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode node = JSON.readTree(body);
      return node == null ? JSON.missingNode() : node;
    } catch (IOException e) {
      return JSON.missingNode();
    }
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
