package dev.clarion.notification;

import dev.clarion.user.UserId;

/** Who a {@link Notifier} call reaches. */
public sealed interface Recipient {
  /** A person, through every chat identity they have on a loaded channel. */
  record User(UserId id) implements Recipient {}

  /** A fixed destination of a channel (a webhook, a team's Slack channel). */
  record Destination(String channel, String address) implements Recipient {}
}
