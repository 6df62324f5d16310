package dev.clarion.api;

import java.util.Map;
import java.util.Optional;

/**
 * Mounts a plugin's endpoints under {@code /channels/<plugin id>/}. Transport-agnostic on purpose:
 * a plugin verifies its platform's signature on {@link Request#body()} and answers a
 * {@link Response}; it never sees the HTTP server's types.
 */
public interface HttpRoutes {
  void post(String path, Handler handler);

  void get(String path, Handler handler);

  @FunctionalInterface
  interface Handler {
    Response handle(Request request);
  }

  record Request(String path, Map<String, String> headers, Map<String, String> query, byte[] body) {
    public Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(Map.Entry::getValue)
          .findFirst();
    }
  }

  record Response(int status, String contentType, String body) {
    public static Response json(int status, String body) {
      return new Response(status, "application/json", body);
    }
  }
}
