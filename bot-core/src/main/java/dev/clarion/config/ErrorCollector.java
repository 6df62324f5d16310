package dev.clarion.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Gathers every problem found while reading one file, so they can be reported together. */
final class ErrorCollector {
  private final String file;
  private final List<ConfigError> errors = new ArrayList<>();

  ErrorCollector(String file) {
    this.file = file;
  }

  void at(Node node, String path, String message) {
    at(node.getStartMark(), path, message);
  }

  void at(Mark mark, String path, String message) {
    // SnakeYAML counts from zero; editors and compilers count from one.
    errors.add(new ConfigError(file, mark.getLine() + 1, mark.getColumn() + 1, path, message));
  }

  void forFile(String message) {
    errors.add(new ConfigError(file, 0, 0, "", message));
  }

  boolean isEmpty() {
    return errors.isEmpty();
  }

  /** In file order, which is the order a person fixes them in. */
  List<ConfigError> sorted() {
    return errors.stream()
        .sorted(Comparator.comparingInt(ConfigError::line).thenComparingInt(ConfigError::column))
        .toList();
  }

  void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new ConfigException(sorted());
    }
  }
}
