package dev.clarion.api;

import java.util.Locale;
import java.util.Map;

/**
 * Sandboxed message templates (no class instantiation, no {@code ?api}, no files outside
 * {@code templates/}). Values in {@code fields} are plain text; {@link Escaping} says how the core
 * escapes each of them before it lands in the output.
 */
public interface Templates {
  enum Escaping {
    NONE,
    /** Inside a JSON string literal: quotes, backslashes and control characters escaped. */
    JSON,
    /** application/x-www-form-urlencoded. */
    URL,
    HTML
  }

  /**
   * Renders {@code templates/<channel>/<locale>/<name>.ftl}, falling back to English when the
   * locale has no such template.
   */
  String render(String channel, String name, Locale locale, Map<String, String> fields,
      Escaping escaping);

  /** Renders a template given as text (a webhook body from clarion.yml). */
  String renderText(String name, String source, Map<String, String> fields, Escaping escaping);
}
