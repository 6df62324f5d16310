package dev.clarion.problem;

import java.time.Duration;
import java.util.Optional;

/** A failure a person should read: what is wrong, and with which field when there is one. */
public final class Problem extends RuntimeException {
  /** What went wrong, independent of the surface that reports it. */
  public enum Kind {
    INVALID,
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    TOO_LARGE,
    RATE_LIMITED,
    UNAVAILABLE
  }

  private final Kind kind;
  private final String field;
  private final Duration retryAfter;

  private Problem(Kind kind, String field, String message, Duration retryAfter) {
    super(message, null, false, false);
    this.kind = kind;
    this.field = field;
    this.retryAfter = retryAfter;
  }

  private Problem(Kind kind, String field, String message) {
    this(kind, field, message, null);
  }

  /** Too much, too fast: come back after {@code retryAfter}. */
  public static Problem rateLimited(String message, Duration retryAfter) {
    return new Problem(Kind.RATE_LIMITED, null, message, retryAfter);
  }

  public static Problem invalid(String field, String message) {
    return new Problem(Kind.INVALID, field, message);
  }

  public static Problem notFound(String message) {
    return new Problem(Kind.NOT_FOUND, null, message);
  }

  public static Problem conflict(String message) {
    return new Problem(Kind.CONFLICT, null, message);
  }

  public static Problem forbidden(String message) {
    return new Problem(Kind.FORBIDDEN, null, message);
  }

  public static Problem unauthenticated(String message) {
    return new Problem(Kind.UNAUTHENTICATED, null, message);
  }

  public static Problem of(Kind kind, String message) {
    return new Problem(kind, null, message);
  }

  public Kind kind() {
    return kind;
  }

  public Optional<String> field() {
    return Optional.ofNullable(field);
  }

  /** When a rate-limited caller may try again, rounded up to whole seconds for Retry-After. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
