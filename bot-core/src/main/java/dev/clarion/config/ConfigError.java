package dev.clarion.config;

/**
 * One problem in a configuration file, located precisely enough to jump to it from an editor.
 *
 * @param line 1-based; 0 when the problem concerns the whole file (e.g. it cannot be read)
 * @param column 1-based; 0 together with {@code line}
 * @param path the key path, e.g. {@code integrations[1].rules[0].when[0].op}; empty for the file
 */
public record ConfigError(String file, int line, int column, String path, String message) {

  /** {@code file:line:column: path: message}, the form compilers use and editors understand. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(file);
    if (line > 0) {
      text.append(':').append(line).append(':').append(column);
    }
    text.append(": ");
    if (!path.isEmpty()) {
      text.append(path).append(": ");
    }
    return text.append(message).toString();
  }
}
