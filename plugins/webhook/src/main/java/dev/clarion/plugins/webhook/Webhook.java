package dev.clarion.plugins.webhook;

import java.util.Map;

/**
 * One configured webhook (validated by the core's config loader).
 *
 * @param urlEncode values are URL-encoded instead of JSON-escaped (form bodies, query strings)
 */
record Webhook(String id, String url, String method, Map<String, String> headers, String body,
    boolean urlEncode) {

  @SuppressWarnings("unchecked")
  static Webhook from(Map<String, Object> m) {
    return new Webhook(
        (String) m.get("id"),
        (String) m.get("url"),
        ((String) m.getOrDefault("method", "POST")).toUpperCase(java.util.Locale.ROOT),
        Map.copyOf((Map<String, String>) m.getOrDefault("headers", Map.of())),
        (String) m.getOrDefault("body", ""),
        Boolean.TRUE.equals(m.get("url_encode")));
  }
}
