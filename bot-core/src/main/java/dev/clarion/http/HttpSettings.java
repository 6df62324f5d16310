package dev.clarion.http;

/** What the HTTP server needs to know. {@code port} 0 picks a free port. */
public record HttpSettings(String host, int port, long maxBodyBytes, boolean noopEndpoint) {}
