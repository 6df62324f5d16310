package dev.clarion.routing;

import dev.clarion.problem.Problem;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * One test on an alert field. Fields: {@code summary}, {@code source}, {@code urgency}, {@code
 * labels.<name>}, {@code details.<path>} (dots walk into nested custom_details objects). Text
 * comparisons ignore case; {@code matches} takes a Java regular expression searched anywhere.
 */
public record Condition(String field, Operator operator, String value, Optional<Pattern> pattern) {

  /** How a field's value is compared. */
  public enum Operator {
    CONTAINS,
    NOT_CONTAINS,
    EQUALS,
    NOT_EQUALS,
    STARTS_WITH,
    MATCHES,
    EXISTS;

    public static Optional<Operator> parse(String text) {
      return Arrays.stream(values())
          .filter(o -> o.name().equalsIgnoreCase(text.trim().replace('-', '_')))
          .findFirst();
    }

    public static String allowedValues() {
      return Arrays.stream(values())
          .map(o -> o.name().toLowerCase(Locale.ROOT))
          .collect(Collectors.joining("|"));
    }
  }

  public static Condition of(String field, Operator operator, String value) {
    if (!isKnownField(field)) {
      throw Problem.invalid(
          "field", "unknown field '" + field + "': use summary, source, urgency, labels.<name> or details.<path>");
    }
    if (operator != Operator.EXISTS && value == null) {
      throw Problem.invalid("value", "operator " + operator.name().toLowerCase(Locale.ROOT) + " needs a value");
    }
    Optional<Pattern> pattern = Optional.empty();
    if (operator == Operator.MATCHES) {
      try {
        pattern = Optional.of(Pattern.compile(value, Pattern.CASE_INSENSITIVE));
      } catch (PatternSyntaxException e) {
        throw Problem.invalid("value", "not a valid regular expression: " + e.getDescription());
      }
    }
    return new Condition(field, operator, value, pattern);
  }

  static boolean isKnownField(String field) {
    return field.equals("summary")
        || field.equals("source")
        || field.equals("urgency")
        || (field.startsWith("labels.") && field.length() > 7)
        || (field.startsWith("details.") && field.length() > 8);
  }

  boolean test(Optional<String> actual) {
    if (operator == Operator.EXISTS) {
      return actual.isPresent();
    }
    if (actual.isEmpty()) {
      return operator == Operator.NOT_CONTAINS || operator == Operator.NOT_EQUALS;
    }
    String a = actual.get().toLowerCase(Locale.ROOT);
    String v = value.toLowerCase(Locale.ROOT);
    return switch (operator) {
      case CONTAINS -> a.contains(v);
      case NOT_CONTAINS -> !a.contains(v);
      case EQUALS -> a.equals(v);
      case NOT_EQUALS -> !a.equals(v);
      case STARTS_WITH -> a.startsWith(v);
      case MATCHES -> pattern.orElseThrow().matcher(actual.get()).find();
      case EXISTS -> true;
    };
  }
}
