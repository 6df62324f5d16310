package dev.clarion.api;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/** What the core gives a plugin at start: nothing more, so plugins never touch the store. */
public interface ChannelContext {
  /**
   * The plugin's configuration as plain values (maps, lists, strings, numbers, booleans), already
   * validated by the core where the core knows the schema.
   */
  Map<String, Object> config();

  HttpRoutes routes();

  Commands commands();

  Templates templates();

  Clock clock();

  /** Counts an event under {@code clarion_channel_<name>_total{channel=...}}. */
  void count(String name);

  /**
   * The configured services, in configuration order, e.g. for a chat client's autocomplete of a
   * service argument. Empty by default (a context that does not know them).
   */
  default List<ServiceInfo> services() {
    return List.of();
  }

  /**
   * Lets {@link Commands#run} recognise chat users by e-mail: when a chat identity is not linked in
   * the configuration, the core asks {@code resolver} for the account's verified e-mail and runs
   * the command as the Clarion user with that {@code email:} (audited as coming from that chat
   * identity). Call once, from {@link ChannelPlugin#start}. Ignored by a context that cannot map
   * e-mails.
   */
  default void identities(IdentityResolver resolver) {}
}
