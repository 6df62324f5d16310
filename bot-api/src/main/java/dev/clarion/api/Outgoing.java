package dev.clarion.api;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One message to deliver. The core fills {@code fields} with plain (unescaped) values; the plugin
 * renders them with its templates, escaping for its format.
 *
 * @param key stable across retries: a plugin may pass it to the platform as an idempotency key
 * @param destination the address inside the channel: a webhook id, a Slack channel, a chat id
 * @param event what happened: "escalation", "assignee_change", "acknowledged", "resolved", "test",
 *     or "escalated" (an escalation step ran: an edit of a message already paged, with
 *     {@code replaces} set, so it shows the new NEXT_ESCALATION)
 * @param fields SERVICE_NAME, INCIDENT_NAME, STATUS, CREATE_DATE, MODIFY_DATE, INCIDENT_URL,
 *     INCIDENT_ID, URGENCY, PRIORITY, ASSIGNEE, ALERT_COUNT, ACK_URL, RESOLVE_URL, DETAILS_JSON,
 *     RUNBOOKS (comma-separated ids of the runbooks linked to the incident's service or named
 *     by its alert's {@code runbook} detail; empty when none: a chat plugin may offer a Run button
 *     per id running {@code runbook run <id> <INCIDENT_ID>})
 *     and NEXT_ESCALATION: the next escalation step as a short line in the destination's zone,
 *     e.g. "03:45 → Kim Minji via schedule db-primary", or "" when escalation has stopped or has
 *     no further step
 * @param replaces the earlier message of this incident at this destination, when there is one
 * @param thread for event {@code "timeline"} (a line of the incident's history: fields {@code
 *     TIMELINE_KIND}, {@code TIMELINE_ACTOR}, {@code TIMELINE_TEXT}), the first message of the
 *     incident at this destination, to reply under. Only channels declaring {@link
 *     Capability#THREADS} get such messages; empty otherwise
 */
public record Outgoing(
    String key,
    String destination,
    String event,
    Map<String, String> fields,
    Locale locale,
    ZoneId zone,
    Optional<MessageRef> replaces,
    Optional<MessageRef> thread) {

  public Outgoing {
    Objects.requireNonNull(key);
    Objects.requireNonNull(destination);
    Objects.requireNonNull(event);
    fields = Map.copyOf(fields);
    Objects.requireNonNull(locale);
    Objects.requireNonNull(zone);
    Objects.requireNonNull(replaces);
    Objects.requireNonNull(thread);
  }

  /** A message that is not a thread reply. */
  public Outgoing(String key, String destination, String event, Map<String, String> fields,
      Locale locale, ZoneId zone, Optional<MessageRef> replaces) {
    this(key, destination, event, fields, locale, zone, replaces, Optional.empty());
  }
}
