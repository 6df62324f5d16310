package dev.clarion.notification;

import dev.clarion.escalation.EscalationOutlook;
import dev.clarion.incident.Incident;
import dev.clarion.service.Service;
import dev.clarion.service.ServiceDirectory;
import dev.clarion.user.UserId;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The values a message template sees, taken from an incident at the moment of the decision to
 * notify: seed 001's {@code SERVICE_NAME INCIDENT_NAME STATUS CREATE_DATE MODIFY_DATE INCIDENT_URL}
 * plus {@code INCIDENT_ID URGENCY PRIORITY ASSIGNEE ACK_URL RESOLVE_URL}, the alert details as
 * {@code DETAILS_JSON}, {@code RUNBOOKS}: the comma-separated ids of the runbooks linked to the
 * incident's service or named by its alert (empty when none), and {@code NEXT_ESCALATION}: the
 * next escalation step as a short line such as {@code 03:45 → Kim via schedule db-primary}, empty
 * when escalation has stopped or ended. Dates are in the recipient's time zone. Values are plain text: escaping
 * for the output format is the template engine's job.
 */
public final class MessageFields {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");
  private final ServiceDirectory services;
  private final SignedLinks links;
  private final Supplier<URI> publicUrl;
  private volatile Function<Incident, List<String>> runbooks = incident -> List.of();
  private final EscalationOutlook outlook;

  public MessageFields(ServiceDirectory services, SignedLinks links, Supplier<URI> publicUrl) {
    this(services, links, publicUrl, EscalationOutlook.NONE);
  }

  public MessageFields(ServiceDirectory services, SignedLinks links, Supplier<URI> publicUrl,
      EscalationOutlook outlook) {
    this.services = services;
    this.links = links;
    this.publicUrl = publicUrl;
    this.outlook = outlook;
  }

  /** Where {@code RUNBOOKS} comes from: the ids of runbooks linked to an incident. */
  public void linkRunbooks(Function<Incident, List<String>> linked) {
    this.runbooks = linked;
  }

  public Map<String, String> of(Incident incident, Instant modified, ZoneId zone, Locale locale) {
    URI base = publicUrl.get();
    Map<String, String> f = new LinkedHashMap<>();
    f.put("SERVICE_NAME", services.find(incident.service()).map(Service::name)
        .orElse(incident.service().value()));
    f.put("INCIDENT_NAME", incident.summary());
    f.put("STATUS", incident.status().label());
    f.put("CREATE_DATE", format(incident.createdAt(), zone, locale));
    f.put("MODIFY_DATE", format(modified, zone, locale));
    f.put("INCIDENT_URL", base + "/incidents/" + incident.id().value());
    f.put("INCIDENT_ID", Long.toString(incident.id().value()));
    f.put("URGENCY", incident.urgency().label());
    f.put("PRIORITY", incident.priority().label());
    f.put("ASSIGNEE",
        incident.assignees().stream().map(UserId::value).collect(Collectors.joining(", ")));
    f.put("ALERT_COUNT", Integer.toString(incident.alertCount()));
    f.put("ACK_URL", links.link(base, SignedLinks.Action.ACK, incident.id()).toString());
    f.put("RESOLVE_URL", links.link(base, SignedLinks.Action.RESOLVE, incident.id()).toString());
    f.put("DETAILS_JSON", Json.of(incident.details()));
    f.put("CLARION_URL", base.toString());
    f.put("RUNBOOKS", String.join(",", runbooks.apply(incident)));
    f.put("NEXT_ESCALATION", nextEscalation(incident, modified, zone));
    return f;
  }

  /** "03:45 → Kim via schedule db-primary" in {@code zone}; empty when escalation has stopped. */
  private String nextEscalation(Incident incident, Instant now, ZoneId zone) {
    try {
      return outlook.next(incident).map(n -> n.line(zone, now)).orElse("");
    } catch (RuntimeException e) {
      return ""; // a message goes out even when the engine cannot answer
    }
  }

  static String format(Instant at, ZoneId zone, Locale locale) {
    return DATE.withLocale(locale).format(at.atZone(zone));
  }

  /** Just enough JSON for alert details (maps, lists, strings, numbers, booleans, null). */
  static final class Json {
    private Json() {}

    static String of(Object value) {
      StringBuilder out = new StringBuilder();
      write(value, out);
      return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
      if (value == null) {
        out.append("null");
      } else if (value instanceof Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          out.append('"').append(escape(String.valueOf(e.getKey()))).append("\":");
          write(e.getValue(), out);
        }
        out.append('}');
      } else if (value instanceof Iterable<?> list) {
        out.append('[');
        boolean first = true;
        for (Object item : list) {
          if (!first) {
            out.append(',');
          }
          first = false;
          write(item, out);
        }
        out.append(']');
      } else if (value instanceof Number || value instanceof Boolean) {
        out.append(value);
      } else {
        out.append('"').append(escape(value.toString())).append('"');
      }
    }

    /** Escapes for inside a JSON string literal (RFC 8259 §7). */
    static String escape(String text) {
      StringBuilder out = new StringBuilder(text.length() + 8);
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          default -> {
            if (c < 0x20 || c == '\u2028' || c == '\u2029') {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      return out.toString();
    }
  }
}
