package dev.clarion.user;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where one-time chat link codes (hashed) and the links they made live. */
public interface ChatLinkStore {
  /** A link between a chat account and a Clarion user. */
  record ChatLink(String channel, String identity, UserId user, Instant linkedAt) {}

  void insertCode(String codeSha256Hex, UserId user, String channel, Instant createdAt,
      Instant expiresAt);

  /**
   * Marks the code used and returns whom it was made for, in one step, so two people racing with
   * one code cannot both win. Empty when no such code exists for this channel, or it is used or
   * expired at {@code now}; nothing changes then.
   */
  Optional<UserId> claimCode(String codeSha256Hex, String channel, Instant now);

  /** Links (or re-links) the chat account to {@code user}. */
  void link(String channel, String identity, UserId user, Instant at);

  Optional<UserId> linkedUser(String channel, String identity);

  List<ChatLink> links(UserId user);
}
