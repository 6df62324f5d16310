package dev.clarion.plugins.telegram;

import dev.clarion.api.IncidentButtons;
import dev.clarion.api.Templates;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An incident as a Telegram HTML message: status line, summary, service and urgency, a link to
 * the incident, and the buttons that still make sense for its status. Values are escaped for
 * Telegram's HTML (only {@code & < >} and, inside attributes, {@code "}); a text that would
 * exceed Telegram's 4096-character limit loses the end of its summary, never the link.
 */
final class IncidentMessage {
  static final int MAX_LENGTH = 4096;
  private static final String ELLIPSIS = "…";

  /**
   * One rendered message: {@code buttons} and {@code runbooks} (ids for "Run <id>" buttons) are
   * empty when the keyboard should go.
   */
  record Rendered(String html, List<IncidentButtons.Action> buttons, List<String> runbooks) {}

  /** The template, {@code templates/telegram/<locale>/message.ftl}, fields escaped for HTML. */
  static final String TEMPLATE = "message";

  private IncidentMessage() {}

  /**
   * Renders from the operator's template ({@code templates/telegram/<lang>/message.ftl}) when
   * there is one, else as {@link #render(Map, Optional)} does. The template gets every field
   * HTML-escaped plus {@code STATUS_ICON}, {@code STATUS_LABEL} and {@code NOTE}; a result over
   * Telegram's limit is rendered again with a shorter {@code INCIDENT_NAME}, so the link at the
   * end survives. A template that is missing, broken or cannot fit falls back to the built-in
   * rendering: a page must go out.
   */
  static Rendered render(Map<String, String> fields, Optional<String> note, Templates templates,
      Locale locale) {
    Rendered builtIn = render(fields, note);
    if (templates == null) {
      return builtIn;
    }
    Optional<String> html;
    try {
      html = fromTemplate(fields, note, templates, locale);
    } catch (RuntimeException e) {
      html = Optional.empty();
    }
    return html.map(h -> new Rendered(h, builtIn.buttons(), builtIn.runbooks())).orElse(builtIn);
  }

  private static Optional<String> fromTemplate(Map<String, String> fields, Optional<String> note,
      Templates templates, Locale locale) {
    String status = fields.getOrDefault("STATUS", "triggered").toLowerCase(Locale.ROOT);
    Map<String, String> model = new java.util.HashMap<>(fields);
    for (String key : List.of("INCIDENT_ID", "INCIDENT_NAME", "SERVICE_NAME", "INCIDENT_URL")) {
      model.putIfAbsent(key, "");
    }
    model.put("STATUS_ICON", icon(status));
    model.put("STATUS_LABEL", status.toUpperCase(Locale.ROOT));
    model.put("NOTE", note.orElse(""));
    if (status.equals("resolved")) {
      model.put("NEXT_ESCALATION", "");
    }
    String summary = model.get("INCIDENT_NAME");
    String html = renderTemplate(templates, locale, model);
    if (html.length() <= MAX_LENGTH) {
      return html.isEmpty() ? Optional.empty() : Optional.of(html);
    }
    // The longest summary prefix that fits (the output only grows with it): binary search, about
    // log2(length) renders, only for messages over the limit.
    int low = 0;
    int high = summary.length();
    String best = null;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int keep = mid > 0 && mid < summary.length()
          && Character.isLowSurrogate(summary.charAt(mid)) ? mid - 1 : mid;
      model.put("INCIDENT_NAME", summary.substring(0, keep) + ELLIPSIS);
      String candidate = renderTemplate(templates, locale, model);
      if (candidate.length() <= MAX_LENGTH) {
        best = candidate;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return Optional.ofNullable(best);
  }

  private static String renderTemplate(Templates templates, Locale locale,
      Map<String, String> model) {
    return templates.render("telegram", TEMPLATE, locale, model, Templates.Escaping.HTML).strip();
  }

  static Rendered render(Map<String, String> fields, Optional<String> note) {
    String status = fields.getOrDefault("STATUS", "triggered").toLowerCase(Locale.ROOT);
    String id = fields.getOrDefault("INCIDENT_ID", "?");
    String url = fields.getOrDefault("INCIDENT_URL", "");
    StringBuilder head = new StringBuilder()
        .append(icon(status)).append(" <b>").append(escape(status.toUpperCase(Locale.ROOT)))
        .append("</b> · <b>#").append(escape(id)).append("</b>\n<b>");
    StringBuilder tail = new StringBuilder("</b>\n");
    tail.append("Service: ").append(escape(fields.getOrDefault("SERVICE_NAME", "")));
    appendIfPresent(tail, " · Urgency: ", fields.get("URGENCY"));
    appendIfPresent(tail, " · ", fields.get("PRIORITY"));
    appendIfPresent(tail, "\nAssignee: ", fields.get("ASSIGNEE"));
    if (!status.equals("resolved")) {
      appendIfPresent(tail, "\nNext escalation: ", fields.get("NEXT_ESCALATION"));
    }
    note.ifPresent(n -> tail.append("\n<i>").append(escape(n)).append("</i>"));
    if (!url.isEmpty()) {
      tail.append("\n<a href=\"").append(escapeAttribute(url)).append("\">Open incident #")
          .append(escape(id)).append(" in Clarion</a>");
    }
    String summary = fields.getOrDefault("INCIDENT_NAME", "");
    int budget = MAX_LENGTH - head.length() - tail.length();
    String body = fit(summary, budget);
    return new Rendered(head + body + tail, IncidentButtons.forStatus(status),
        IncidentButtons.runbooks(fields, status, 5));
  }

  /** The escaped summary, cut (before escaping, so no entity is split) to fit {@code budget}. */
  static String fit(String plain, int budget) {
    String escaped = escape(plain);
    if (escaped.length() <= budget) {
      return escaped;
    }
    // The longest prefix whose escaped form still fits (escaping only grows text, so binary
    // search works); a cut between the halves of a surrogate pair moves one left.
    int low = 0;
    int high = plain.length();
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (escape(plain.substring(0, mid)).length() + ELLIPSIS.length() <= budget) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    int keep = low;
    if (keep > 0 && keep < plain.length() && Character.isLowSurrogate(plain.charAt(keep))) {
      keep--;
    }
    return escape(plain.substring(0, keep)) + ELLIPSIS;
  }

  private static void appendIfPresent(StringBuilder out, String label, String value) {
    if (value != null && !value.isBlank()) {
      out.append(label).append(escape(value));
    }
  }

  private static String icon(String status) {
    return switch (status) {
      case "acknowledged" -> "🟡";
      case "resolved" -> "✅";
      default -> "🔴";
    };
  }

  /** Telegram's HTML parse mode needs exactly these three replaced in text. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String escapeAttribute(String text) {
    return escape(text).replace("\"", "&quot;");
  }
}
