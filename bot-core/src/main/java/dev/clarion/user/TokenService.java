package dev.clarion.user;

import dev.clarion.audit.Actor;
import dev.clarion.audit.AuditLog;
import dev.clarion.problem.Problem;
import dev.clarion.store.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Creates and checks API bearer tokens. A token is {@code clr_} + 32 random bytes (base64url); it is
 * shown once at creation and stored only as its SHA-256, so a leaked database leaks no tokens. A
 * plain hash (not a slow KDF) is right here: the token has 256 bits of entropy, nothing to brute-force.
 */
public final class TokenService {
  /** A freshly created token: the only time its plain text exists. */
  public record Created(ApiToken token, String plainText) {}

  private static final String PREFIX = "clr_";
  private final TokenStore tokens;
  private final UserDirectory users;
  private final AuditLog audit;
  private final Transactions transactions;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public TokenService(
      TokenStore tokens, UserDirectory users, AuditLog audit, Transactions transactions, Clock clock) {
    this.tokens = tokens;
    this.users = users;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
  }

  public Created create(UserId user, String name, Actor actor) {
    users.find(user).orElseThrow(() -> Problem.invalid("user", "unknown user '" + user + "'"));
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String plain = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    ApiToken token =
        transactions.inTransaction(
            () -> {
              ApiToken created = tokens.insert(user, name, sha256(plain), clock.instant());
              audit.record(clock.instant(), actor, "token.create", "user:" + user, name);
              return created;
            });
    return new Created(token, plain);
  }

  /** The user a bearer token belongs to; unauthenticated for unknown, revoked or orphaned tokens. */
  public User authenticate(String plainText) {
    if (plainText == null || !plainText.startsWith(PREFIX)) {
      throw Problem.unauthenticated("missing or malformed bearer token (expected 'Authorization: Bearer clr_...')");
    }
    ApiToken token =
        tokens
            .findActiveByHash(sha256(plainText))
            .orElseThrow(() -> Problem.unauthenticated("unknown or revoked token"));
    return users
        .find(token.user())
        .orElseThrow(() -> Problem.unauthenticated("the token's user '" + token.user() + "' no longer exists"));
  }

  static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
