package dev.clarion.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration file could not be loaded. Holds every problem found in one pass, so a person can
 * fix them all before trying again; the message lists them one per line. Messages never contain
 * secret values (integration keys, passwords, anything read from the environment).
 */
public final class ConfigException extends RuntimeException {
  private final List<ConfigError> errors;

  public ConfigException(List<ConfigError> errors) {
    super(describe(errors), null, false, false);
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  public List<ConfigError> errors() {
    return errors;
  }

  private static String describe(List<ConfigError> errors) {
    String noun = errors.size() == 1 ? "error" : "errors";
    return errors.size()
        + " configuration "
        + noun
        + ":\n"
        + errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n"));
  }
}
