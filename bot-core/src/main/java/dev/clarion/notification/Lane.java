package dev.clarion.notification;

/**
 * Delivery priority. When a channel's limit leaves room for one more call, a new page (someone must
 * wake up) goes before an update of a message already sent, and both before a line of history in
 * a message's thread. Stored by {@link #ordinal()}: order matters, append new lanes at the end only
 * if they are the least urgent.
 */
public enum Lane {
  PAGE,
  UPDATE,
  /** A timeline entry posted under the incident's message; never coalesced, kept in order. */
  THREAD
}
