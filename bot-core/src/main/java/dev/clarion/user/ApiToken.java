package dev.clarion.user;

import java.time.Instant;

/** A bearer token's record. The token itself is never stored: only its SHA-256. */
public record ApiToken(long id, UserId user, String name, Instant createdAt, boolean revoked) {}
