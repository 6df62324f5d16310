package dev.clarion.api;

/** What a channel can do beyond posting text; the core adapts messages to what is there. */
public enum Capability {
  BUTTONS,
  SLASH_COMMANDS,
  /** Later state changes edit the first message instead of posting new ones. */
  EDIT_MESSAGE,
  THREADS,
  MODALS
}
