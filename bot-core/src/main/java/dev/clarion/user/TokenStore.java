package dev.clarion.user;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where token hashes live. */
public interface TokenStore {
  ApiToken insert(UserId user, String name, String sha256Hex, Instant at);

  Optional<ApiToken> findActiveByHash(String sha256Hex);

  List<ApiToken> list(UserId user);

  boolean revoke(long tokenId);
}
