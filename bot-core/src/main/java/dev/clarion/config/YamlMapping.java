package dev.clarion.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping being read, with the path that leads to it. Every key asked for becomes a known
 * key; {@link #rejectUnknownKeys()} then reports the rest as typos. Readers never throw: a problem
 * is recorded with its position and the reader returns a fallback, so one pass finds everything.
 */
final class YamlMapping {

  /** A scalar after {@code ${env:…}} substitution, with where it came from. */
  record Scalar(String value, Node node, String path, boolean fromEnvironment) {
    /** The value quoted for an error message, unless it came from the environment (a secret). */
    String shown() {
      return fromEnvironment ? "(value from the environment)" : "'" + value + "'";
    }
  }

  private final MappingNode node;
  private final String path;
  private final ErrorCollector errors;
  private final EnvSubstitution env;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
  private final Set<String> known = new LinkedHashSet<>();

  private YamlMapping(MappingNode node, String path, ErrorCollector errors, EnvSubstitution env) {
    this.node = node;
    this.path = path;
    this.errors = errors;
    this.env = env;
    for (NodeTuple tuple : node.getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
        errors.at(tuple.getKeyNode(), path, "keys must be plain words, not lists or mappings");
        continue;
      }
      NodeTuple first = entries.putIfAbsent(key.getValue(), tuple);
      if (first != null) {
        errors.at(
            key,
            child(key.getValue()),
            "duplicate key (first at line " + line(first.getKeyNode()) + ")");
      }
    }
  }

  /** Reads {@code node} as a mapping, or records why it is not one. */
  static Optional<YamlMapping> of(
      Node node, String path, ErrorCollector errors, EnvSubstitution env) {
    if (node instanceof MappingNode mapping) {
      return Optional.of(new YamlMapping(mapping, path, errors, env));
    }
    errors.at(node, path, "expected a mapping (key: value lines), found " + describe(node));
    return Optional.empty();
  }

  Node node() {
    return node;
  }

  String path() {
    return path;
  }

  String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The keys as written, in order (free-form mappings such as HTTP headers). */
  List<String> keys() {
    return List.copyOf(entries.keySet());
  }

  /** Whether {@code key} is written with a non-null value (marks it known). */
  boolean has(String key) {
    known.add(key);
    return valueNode(key).isPresent();
  }

  /** Records a problem at {@code key}'s value, or at this mapping when the key is absent. */
  void errorAt(String key, String message) {
    errors.at(valueNode(key).orElse(node), child(key), message);
  }

  /** The scalar at {@code key}; empty when absent, null, or already reported as wrong. */
  Optional<Scalar> scalar(String key) {
    known.add(key);
    Optional<Node> value = valueNode(key);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return toScalar(value.get(), child(key));
  }

  /** Like {@link #scalar} but an absent key is an error. */
  Optional<Scalar> required(String key) {
    known.add(key);
    if (valueNode(key).isEmpty()) {
      errors.at(node, child(key), "required but missing");
      return Optional.empty();
    }
    return scalar(key);
  }

  String text(String key, String fallback) {
    return scalar(key).map(Scalar::value).orElse(fallback);
  }

  int integer(String key, int fallback, int min, int max) {
    return scalar(key).flatMap(s -> integer(s, min, max)).orElse(fallback);
  }

  Optional<Integer> integer(Scalar scalar, int min, int max) {
    try {
      long value = Long.parseLong(scalar.value().trim().replace("_", ""));
      if (value >= min && value <= max) {
        return Optional.of((int) value);
      }
    } catch (NumberFormatException e) {
      // reported below, together with out-of-range values
    }
    errors.at(
        scalar.node(),
        scalar.path(),
        "expected a whole number from " + min + " to " + max + ", found " + scalar.shown());
    return Optional.empty();
  }

  double decimal(String key, double fallback, double minExclusive, double max) {
    return scalar(key)
        .flatMap(
            s -> {
              try {
                double value = Double.parseDouble(s.value().trim());
                if (value > minExclusive && value <= max) {
                  return Optional.of(value);
                }
              } catch (NumberFormatException e) {
                // reported below
              }
              errors.at(
                  s.node(),
                  s.path(),
                  "expected a number above "
                      + minExclusive
                      + " and at most "
                      + max
                      + ", found "
                      + s.shown());
              return Optional.<Double>empty();
            })
        .orElse(fallback);
  }

  boolean flag(String key, boolean fallback) {
    return scalar(key)
        .flatMap(
            s -> {
              String value = s.value().trim();
              if (value.equals("true") || value.equals("false")) {
                return Optional.of(Boolean.parseBoolean(value));
              }
              errors.at(s.node(), s.path(), "expected true or false, found " + s.shown());
              return Optional.<Boolean>empty();
            })
        .orElse(fallback);
  }

  /**
   * An enumerated value: {@code what} names it in the message ("unknown operator 'containz'"),
   * {@code allowed} lists the choices ("contains|equals").
   */
  <T> Optional<T> choice(
      String key, Function<String, Optional<T>> parse, String what, String allowed) {
    return scalar(key).flatMap(s -> choice(s, parse, what, allowed));
  }

  <T> Optional<T> choice(
      Scalar scalar, Function<String, Optional<T>> parse, String what, String allowed) {
    Optional<T> parsed = parse.apply(scalar.value());
    if (parsed.isEmpty()) {
      errors.at(
          scalar.node(),
          scalar.path(),
          "unknown " + what + " " + scalar.shown() + " (use " + allowed + ")");
    }
    return parsed;
  }

  Optional<YamlMapping> mapping(String key) {
    known.add(key);
    return valueNode(key).flatMap(n -> of(n, child(key), errors, env));
  }

  /** A list of mappings such as {@code services:}; absent means empty. */
  List<YamlMapping> mappings(String key) {
    List<YamlMapping> result = new ArrayList<>();
    List<Node> items = sequence(key);
    for (int i = 0; i < items.size(); i++) {
      of(items.get(i), child(key) + "[" + i + "]", errors, env).ifPresent(result::add);
    }
    return result;
  }

  /**
   * A list of mappings that must be written and hold at least one item, such as a rule's {@code
   * when:}. {@code what} says what the items are, for the message.
   */
  List<YamlMapping> requiredMappings(String key, String what) {
    known.add(key);
    Optional<Node> value = valueNode(key);
    if (value.isEmpty()) {
      errors.at(node, child(key), "required but missing: list the " + what);
    } else if (value.get() instanceof SequenceNode sequence && sequence.getValue().isEmpty()) {
      errors.at(sequence, child(key), "needs at least one item: list the " + what);
    }
    return mappings(key);
  }

  /** A list of single values such as {@code members: [kim, lee]}; absent means empty. */
  List<Scalar> scalars(String key) {
    List<Scalar> result = new ArrayList<>();
    List<Node> items = sequence(key);
    for (int i = 0; i < items.size(); i++) {
      toScalar(items.get(i), child(key) + "[" + i + "]").ifPresent(result::add);
    }
    return result;
  }

  /**
   * A list whose items are either single values or mappings, such as a layer's {@code members:}
   * ({@code - kim} or {@code - user: lee, from: ...}); a single value is read as a mapping holding
   * it under {@code scalarKey}.
   */
  List<YamlMapping> scalarsOrMappings(String key, String scalarKey) {
    List<YamlMapping> result = new ArrayList<>();
    List<Node> items = sequence(key);
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      if (item instanceof ScalarNode scalar) {
        ScalarNode name =
            new ScalarNode(Tag.STR, scalarKey, scalar.getStartMark(), scalar.getEndMark(),
                DumperOptions.ScalarStyle.PLAIN);
        item =
            new MappingNode(Tag.MAP, true, List.of(new NodeTuple(name, scalar)),
                scalar.getStartMark(), scalar.getEndMark(), DumperOptions.FlowStyle.FLOW);
      }
      of(item, child(key) + "[" + i + "]", errors, env).ifPresent(result::add);
    }
    return result;
  }

  /** Reports every key no reader asked for, suggesting the known key it most resembles. */
  void rejectUnknownKeys() {
    for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
      String key = entry.getKey();
      if (known.contains(key)) {
        continue;
      }
      String hint =
          Suggestions.closest(key, known)
              .map(k -> " (did you mean '" + k + "'?)")
              .orElse(" (known keys: " + String.join(", ", known) + ")");
      errors.at(entry.getValue().getKeyNode(), child(key), "unknown key '" + key + "'" + hint);
    }
  }

  private List<Node> sequence(String key) {
    known.add(key);
    Optional<Node> value = valueNode(key);
    if (value.isEmpty()) {
      return List.of();
    }
    if (value.get() instanceof SequenceNode sequence) {
      return sequence.getValue();
    }
    errors.at(value.get(), child(key), "expected a list, found " + describe(value.get()));
    return List.of();
  }

  private Optional<Node> valueNode(String key) {
    NodeTuple tuple = entries.get(key);
    if (tuple == null || isNull(tuple.getValueNode())) {
      return Optional.empty();
    }
    return Optional.of(tuple.getValueNode());
  }

  private Optional<Scalar> toScalar(Node value, String valuePath) {
    if (!(value instanceof ScalarNode scalar)) {
      errors.at(value, valuePath, "expected a single value, found " + describe(value));
      return Optional.empty();
    }
    EnvSubstitution.Result result = env.apply(scalar.getValue());
    result.problems().forEach(problem -> errors.at(value, valuePath, problem));
    return result.value().map(v -> new Scalar(v, value, valuePath, result.substituted()));
  }

  private static boolean isNull(Node node) {
    return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
  }

  static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  private static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return "a single value";
  }
}
