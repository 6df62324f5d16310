package dev.clarion.command;

/**
 * One positional argument. A {@link Type#TEXT} argument takes the rest of the line and must come last.
 */
public record Argument(String name, Type type, boolean required, String help) {
  /** How the argument is read; chat plugins use it to offer typed options. */
  public enum Type {
    INCIDENT,
    SERVICE,
    WORD,
    TEXT
  }

  public String usage() {
    String shown = type == Type.TEXT ? name + "…" : name;
    return required ? "<" + shown + ">" : "[" + shown + "]";
  }
}
