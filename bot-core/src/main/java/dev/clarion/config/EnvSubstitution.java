package dev.clarion.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${env:NAME}} and {@code ${env:NAME:-default}} in a scalar with values from an
 * injected environment, so secrets stay out of the file and tests need no real environment.
 */
final class EnvSubstitution {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");
  private static final String MARKER = "${env:";

  /**
   * The outcome for one scalar. {@code value} is present only when every reference resolved. {@code
   * problems} never contain a variable's value, only its name.
   */
  record Result(Optional<String> value, boolean substituted, List<String> problems) {}

  private final Map<String, String> env;

  EnvSubstitution(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  Result apply(String raw) {
    if (!raw.contains(MARKER)) {
      return new Result(Optional.of(raw), false, List.of());
    }
    List<String> problems = new ArrayList<>();
    if (REFERENCE.matcher(raw).replaceAll("").contains(MARKER)) {
      problems.add(
          "malformed environment reference: write ${env:NAME} or ${env:NAME:-default},"
              + " NAME being letters, digits and '_'");
    }
    Matcher matcher = REFERENCE.matcher(raw);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String value = env.get(name);
      if (value == null) {
        value = matcher.group(2);
      }
      if (value == null) {
        problems.add(
            "environment variable "
                + name
                + " is not set (set it, or give a default: ${env:"
                + name
                + ":-default})");
        value = "";
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return new Result(
        problems.isEmpty() ? Optional.of(out.toString()) : Optional.empty(), true, problems);
  }
}
