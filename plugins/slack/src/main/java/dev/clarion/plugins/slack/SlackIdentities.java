package dev.clarion.plugins.slack;

import com.slack.api.Slack;
import com.slack.api.methods.response.users.UsersInfoResponse;
import dev.clarion.api.IdentityResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the core the e-mail Slack has for a member ({@code users.info}, scopes {@code users:read}
 * and {@code users:read.email}), so people whose {@code email:} in clarion.yml matches their Slack
 * profile need no {@code chat: { slack: U… }} line. Deleted members and bots get no e-mail. Answers are cached ({@link #FOUND_TTL}, {@link #MISSING_TTL}) so a busy
 * channel costs Slack one call per person every few minutes; a failed call is not cached.
 */
final class SlackIdentities implements IdentityResolver {
  private static final Logger log = LoggerFactory.getLogger(SlackIdentities.class);
  /** A changed profile e-mail takes this long to count. */
  static final Duration FOUND_TTL = Duration.ofMinutes(10);
  /** Someone just added to clarion.yml or Slack waits at most this long. */
  static final Duration MISSING_TTL = Duration.ofMinutes(1);
  private static final int MAX_ENTRIES = 10_000;

  private record Entry(Optional<String> email, Instant until) {}

  private final Slack slack;
  private final String botToken;
  private final Clock clock;
  private final Consumer<String> count;
  private final Map<String, Entry> cache = new ConcurrentHashMap<>();

  SlackIdentities(Slack slack, String botToken, Clock clock, Consumer<String> count) {
    this.slack = slack;
    this.botToken = botToken;
    this.clock = clock;
    this.count = count;
  }

  @Override
  public Optional<String> verifiedEmail(String slackUser) {
    if (slackUser == null || !slackUser.matches("[UW][A-Z0-9]{2,30}")) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Entry cached = cache.get(slackUser);
    if (cached != null && now.isBefore(cached.until())) {
      return cached.email();
    }
    try {
      UsersInfoResponse info = slack.methods(botToken).usersInfo(r -> r.user(slackUser));
      Optional<String> email = Optional.empty();
      if (info.isOk() && info.getUser() != null) {
        var user = info.getUser();
        if (!user.isDeleted() && !user.isBot() && user.getProfile() != null) {
          email = Optional.ofNullable(user.getProfile().getEmail()).filter(e -> !e.isBlank());
        }
      } else if (!"user_not_found".equals(info.getError())) {
        // missing_scope, invalid_auth, ratelimited...: say why and do not cache
        count.accept("slack_identity_error");
        log.warn("slack: users.info for {} failed: {}{}", slackUser, info.getError(),
            "missing_scope".equals(info.getError())
                ? " (add users:read and users:read.email to the app's bot scopes)" : "");
        return Optional.empty();
      }
      count.accept("slack_identity_" + (email.isPresent() ? "found" : "missing"));
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
      cache.put(slackUser, new Entry(email, now.plus(email.isPresent() ? FOUND_TTL : MISSING_TTL)));
      return email;
    } catch (Exception e) {
      count.accept("slack_identity_error");
      log.warn("slack: users.info for {} failed: {}", slackUser, e.toString());
      return Optional.empty();
    }
  }
}
