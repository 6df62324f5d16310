package dev.clarion.http;

import dev.clarion.problem.Problem;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The one mapping from a {@link Problem.Kind} to an HTTP status, and the JSON error body. */
final class ProblemBody {
  private ProblemBody() {}

  static int status(Problem.Kind kind) {
    return switch (kind) {
      case INVALID -> 400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case TOO_LARGE -> 413;
      case RATE_LIMITED -> 429;
      case UNAVAILABLE -> 503;
    };
  }

  /** The kind that best describes an HTTP status Javalin or Jetty produced on its own. */
  static Problem.Kind kindOf(int status) {
    return switch (status) {
      case 401 -> Problem.Kind.UNAUTHENTICATED;
      case 403 -> Problem.Kind.FORBIDDEN;
      case 404 -> Problem.Kind.NOT_FOUND;
      case 409 -> Problem.Kind.CONFLICT;
      case 413 -> Problem.Kind.TOO_LARGE;
      case 429 -> Problem.Kind.RATE_LIMITED;
      case 503 -> Problem.Kind.UNAVAILABLE;
      default -> Problem.Kind.INVALID;
    };
  }

  /** {@code {"code": "invalid", "field": "summary", "message": "..."}} */
  static Map<String, Object> of(Problem.Kind kind, Optional<String> field, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", kind.name().toLowerCase(java.util.Locale.ROOT));
    field.ifPresent(f -> body.put("field", f));
    body.put("message", message);
    return body;
  }

  static Map<String, Object> envelope(Problem problem) {
    return Map.of("error", of(problem.kind(), problem.field(), problem.getMessage()));
  }
}
