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
