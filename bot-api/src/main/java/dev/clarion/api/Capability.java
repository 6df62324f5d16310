package dev.clarion.api;

/** What a channel can do beyond posting text; the core adapts messages to what is there. */
public enum Capability {
  BUTTONS,
  SLASH_COMMANDS,
  /** Later state changes edit the first message instead of posting new ones. */
  EDIT_MESSAGE,
  /**
   * Replies under a message: the core sends each new line of an incident's timeline (event {@code
   * "timeline"}) with {@link Outgoing#thread()} set to the incident's first message there.
   */
  THREADS,
  MODALS
}
