package dev.clarion.http.ingest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarion.problem.Problem;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Typed reads of JSON fields for the wire formats, failing with a {@link Problem} that names the
 * field by its JSON path ({@code payload.severity}, {@code alerts[1].status}) and says what was
 * expected. A JSON {@code null} counts as absent: senders often write {@code "urgency": null} for
 * "not set".
 */
final class JsonFields {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * ISO-8601 date-time with an offset. Accepts {@code Z}, {@code +09:00} and also {@code +0000},
   * which PagerDuty's examples and CloudWatch's StateChangeTime use.
   */
  private static final DateTimeFormatter TIME =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffset("+HH:MM", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HHMM", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private JsonFields() {}

  /** The path of {@code name} inside the object at {@code parent} ("" for the body itself). */
  static String at(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  /** The path of element {@code index} of the array at {@code parent}. */
  static String at(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** The body itself must be a JSON object. */
  static JsonNode requireObjectBody(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw Problem.invalid(
          "body", "the request body must be a JSON object; got " + describe(body));
    }
    return body;
  }

  static boolean absent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  /** A string field that may be absent; any other JSON type is refused. */
  static Optional<String> optionalText(JsonNode parent, String parentPath, String name) {
    JsonNode node = parent.get(name);
    if (absent(node)) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw wrongType(at(parentPath, name), "a string", node);
    }
    return Optional.of(node.textValue());
  }

  /** A string field that must be present and not blank. */
  static String requiredText(JsonNode parent, String parentPath, String name) {
    String path = at(parentPath, name);
    String text =
        optionalText(parent, parentPath, name)
            .orElseThrow(() -> Problem.invalid(path, path + " is required"));
    if (text.isBlank()) {
      throw Problem.invalid(path, path + " must not be blank");
    }
    return text;
  }

  /** A string field that may be absent but, when present, must not be blank. */
  static Optional<String> optionalNonBlankText(JsonNode parent, String parentPath, String name) {
    Optional<String> text = optionalText(parent, parentPath, name);
    if (text.isPresent() && text.get().isBlank()) {
      String path = at(parentPath, name);
      throw Problem.invalid(path, path + " must not be blank when present");
    }
    return text;
  }

  /** An object field that may be absent; any other JSON type is refused. */
  static Optional<JsonNode> optionalObject(JsonNode parent, String parentPath, String name) {
    JsonNode node = parent.get(name);
    if (absent(node)) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      throw wrongType(at(parentPath, name), "an object", node);
    }
    return Optional.of(node);
  }

  /** A string or number field (metric values are sent both ways), as a plain Java value. */
  static Optional<Object> optionalScalar(JsonNode parent, String parentPath, String name) {
    JsonNode node = parent.get(name);
    if (absent(node)) {
      return Optional.empty();
    }
    if (!node.isTextual() && !node.isNumber()) {
      throw wrongType(at(parentPath, name), "a string or a number", node);
    }
    return Optional.of(toValue(node));
  }

  /**
   * Looks {@code value} up case-insensitively among the keys of {@code allowed} (spelled and
   * ordered as the error message should list them), or fails naming the allowed values.
   */
  static <T> T oneOf(String path, String value, Map<String, T> allowed) {
    String wanted = value.trim();
    for (Map.Entry<String, T> choice : allowed.entrySet()) {
      if (choice.getKey().equalsIgnoreCase(wanted)) {
        return choice.getValue();
      }
    }
    throw Problem.invalid(
        path,
        path + " must be one of " + String.join("|", allowed.keySet()) + "; got '" + value + "'");
  }

  /** An optional enumerated string field; see {@link #oneOf}. */
  static <T> Optional<T> optionalOneOf(
      JsonNode parent, String parentPath, String name, Map<String, T> allowed) {
    return optionalText(parent, parentPath, name)
        .map(value -> oneOf(at(parentPath, name), value, allowed));
  }

  /** A required enumerated string field; the "is required" message lists the allowed values. */
  static <T> T requiredOneOf(
      JsonNode parent, String parentPath, String name, Map<String, T> allowed) {
    String path = at(parentPath, name);
    return optionalOneOf(parent, parentPath, name, allowed)
        .orElseThrow(
            () ->
                Problem.invalid(
                    path,
                    path + " is required (one of " + String.join("|", allowed.keySet()) + ")"));
  }

  /** An optional ISO-8601 time with offset; present but unreadable is refused. */
  static Optional<Instant> optionalTime(JsonNode parent, String parentPath, String name) {
    return optionalText(parent, parentPath, name)
        .map(
            text -> {
              String path = at(parentPath, name);
              return parseTime(text)
                  .orElseThrow(
                      () ->
                          Problem.invalid(
                              path,
                              path
                                  + " must be an ISO-8601 time with offset, such as"
                                  + " 2026-11-23T03:12:45+09:00; got '"
                                  + text
                                  + "'"));
            });
  }

  /** Parses an ISO-8601 time with offset; empty when it is not one. */
  static Optional<Instant> parseTime(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text.trim(), TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** A JSON object's fields as a string map, for labels; nested objects and arrays are refused. */
  static Map<String, String> stringMap(JsonNode object, String path) {
    Map<String, String> result = new LinkedHashMap<>();
    object
        .fields()
        .forEachRemaining(
            field -> {
              JsonNode value = field.getValue();
              if (absent(value)) {
                return;
              }
              if (value.isContainerNode()) {
                throw wrongType(at(path, field.getKey()), "a string", value);
              }
              result.put(field.getKey(), value.asText());
            });
    return result;
  }

  /** A JSON object as a map of plain Java values (String, Number, Boolean, List, Map, null). */
  static Map<String, Object> toMap(JsonNode object) {
    return MAPPER.convertValue(object, MAP);
  }

  /** Any JSON value as a plain Java value. */
  static Object toValue(JsonNode node) {
    return MAPPER.convertValue(node, Object.class);
  }

  static Problem wrongType(String path, String expected, JsonNode got) {
    return Problem.invalid(path, path + " must be " + expected + "; got " + describe(got));
  }

  private static String describe(JsonNode node) {
    if (absent(node)) {
      return "null";
    }
    return switch (node.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> node.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }
}
