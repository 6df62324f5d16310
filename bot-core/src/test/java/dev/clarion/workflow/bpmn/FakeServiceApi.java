package dev.clarion.workflow.bpmn;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The admin API runbooks call, on a loopback port: answers are set per "METHOD /path" and every
 * request is recorded with its Authorization header and body.
 */
final class FakeServiceApi implements AutoCloseable {
  record Request(String method, String path, String authorization, String body) {}

  record Answer(int status, String body) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Request> requests = new ArrayList<>();

  FakeServiceApi() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      synchronized (requests) {
        requests.add(new Request(exchange.getRequestMethod(), path,
            exchange.getRequestHeaders().getFirst("Authorization"), body));
      }
      Answer a = answers.getOrDefault(exchange.getRequestMethod() + " " + path,
          new Answer(404, "{\"error\":\"no such endpoint\"}"));
      byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  FakeServiceApi answer(String methodAndPath, int status, String body) {
    answers.put(methodAndPath, new Answer(status, body));
    return this;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The same server by a name that is not on the allowlist. */
  String baseUrlByName() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  List<Request> requests(String methodAndPath) {
    synchronized (requests) {
      return requests.stream().filter(r -> (r.method() + " " + r.path()).equals(methodAndPath))
          .toList();
    }
  }

  int requestCount() {
    synchronized (requests) {
      return requests.size();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
