package dev.clarion.plugins.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback webhook receiver (JDK HttpServer) that records every request with its arrival time,
 * and can answer 429 with Retry-After, or be "down" (503), for a while.
 */
final class FakeWebhookServer implements AutoCloseable {
  record Received(Instant at, String method, String path, String delivery, String body,
      int answered) {}

  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();
  private final AtomicInteger throttleNext = new AtomicInteger();
  private volatile int retryAfterSeconds = 1;
  private volatile boolean down;
  private volatile int fixedStatus;

  FakeWebhookServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int status;
      if (fixedStatus != 0) {
        status = fixedStatus;
      } else if (down) {
        status = 503;
      } else if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        status = 429;
        exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
      } else {
        status = 200;
      }
      synchronized (received) {
        received.add(new Received(Instant.now(), exchange.getRequestMethod(),
            exchange.getRequestURI().toString(),
            exchange.getRequestHeaders().getFirst("X-Clarion-Delivery"), body, status));
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  void throttle(int requests, int retryAfter) {
    retryAfterSeconds = retryAfter;
    throttleNext.set(requests);
  }

  /** Answers every request with {@code status} (0: normal behaviour). */
  void answerAlways(int status) {
    fixedStatus = status;
  }

  void down(boolean down) {
    this.down = down;
  }

  List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  List<Received> accepted() {
    return received().stream().filter(r -> r.answered() == 200).toList();
  }

  /** The most requests that arrived within any window of {@code window}. */
  int maxInWindow(Duration window) {
    List<Instant> times = received().stream().map(Received::at).sorted().toList();
    int max = 0;
    for (int i = 0, j = 0; i < times.size(); i++) {
      while (!times.get(j).plus(window).isAfter(times.get(i))) {
        j++;
      }
      max = Math.max(max, i - j + 1);
    }
    return max;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
