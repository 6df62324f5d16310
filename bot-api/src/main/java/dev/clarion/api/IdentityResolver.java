package dev.clarion.api;

import java.util.Optional;

/**
 * How a plugin helps the core recognise a chat user that {@code clarion.yml} does not link (no
 * {@code chat: { <plugin>: <id> }} entry): it tells the e-mail address the platform has verified
 * for that account, and the core looks for the Clarion user with that {@code email:}.
 *
 * <p>Why an e-mail and not a user id: the plugin only vouches for what its platform knows; which
 * Clarion user that is, and what they may do, stays the core's decision (a plugin cannot act as an
 * arbitrary user by naming one). Register with {@link ChannelContext#identities}.
 */
@FunctionalInterface
public interface IdentityResolver {
  /**
   * The platform-verified e-mail of {@code chatIdentity}, or empty when the platform does not know
   * the account or has no e-mail for it. Called on the thread running the command; may block on
   * the platform's API (cache the answers).
   */
  Optional<String> verifiedEmail(String chatIdentity);
}
