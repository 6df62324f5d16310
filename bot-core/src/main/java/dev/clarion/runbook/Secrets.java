package dev.clarion.runbook;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secret references in step properties: {@code {{secret:NAME}}} is replaced by the configured value
 * only at the moment a request or command is made, so the value is never stored in the engine's
 * variables, the timeline or the logs; {@link #mask} hides any value that comes back in output.
 */
public final class Secrets {
  static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*secret:([A-Za-z0-9_.-]+)\\s*}}");
  private static final String MASK = "••••";

  private final Map<String, String> values;

  public Secrets(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** Replaces every reference; an unknown name is a {@link StepFailure}. */
  public String resolve(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = REFERENCE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new StepFailure("unknown secret '" + m.group(1)
            + "' (add it under runbooks.secrets in clarion.yml)");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code text} with every secret value replaced by a mask. */
  public String mask(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String value : values.values()) {
      if (value != null && value.length() >= 3) {
        out = out.replace(value, MASK);
      }
    }
    return out;
  }
}
