package dev.clarion.config;

import java.net.URI;
import java.util.Optional;

/**
 * Where the HTTP server listens.
 *
 * @param port 0 lets the operating system pick a free port
 * @param publicUrl how people and senders reach Clarion (behind a proxy, say); empty means "derive
 *     from host and the port actually bound"
 * @param noopEndpoint enables the benchmark-only {@code POST /noop}
 */
public record ServerSettings(
    String host, int port, Optional<URI> publicUrl, int maxBodyBytes, boolean noopEndpoint) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_MAX_BODY_BYTES = 512 * 1024;

  public static ServerSettings defaults() {
    return new ServerSettings(
        DEFAULT_HOST, DEFAULT_PORT, Optional.empty(), DEFAULT_MAX_BODY_BYTES, false);
  }

  /** The base URL for links, without a trailing slash, once the server knows its port. */
  public URI publicUrlFor(int boundPort) {
    return publicUrl.orElseGet(
        () ->
            URI.create(
                "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + boundPort));
  }
}
