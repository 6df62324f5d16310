package dev.clarion.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Talks to a running Clarion over HTTP for the CLI. */
final class ServerClient {
  record Response(int status, JsonNode body, String text) {}

  static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ServerClient(String base) {
    try {
      this.base = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    } catch (IllegalArgumentException e) {
      throw new ClarionCli.CliFailure(ClarionCli.INPUT_ERROR, "--server is not a URL: " + base);
    }
  }

  Response get(String path, String token) {
    return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).GET(),
        token);
  }

  Response post(String path, String json, String token) {
    return send(HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)), token);
  }

  private Response send(HttpRequest.Builder request, String token) {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body;
      try {
        body = JSON.readTree(response.body());
      } catch (IOException e) {
        body = JSON.missingNode();
      }
      return new Response(response.statusCode(), body == null ? JSON.missingNode() : body, response.body());
    } catch (ConnectException e) {
      throw new ClarionCli.CliFailure(ClarionCli.FAILURE,
          "cannot reach Clarion at " + base + " (is it running? set --server or CLARION_SERVER)");
    } catch (IOException e) {
      throw new ClarionCli.CliFailure(ClarionCli.FAILURE, "request to " + base + " failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClarionCli.CliFailure(ClarionCli.FAILURE, "interrupted");
    }
  }

  /** The server's error message from a JSON error body, or the raw text. */
  static String errorMessage(Response response) {
    JsonNode error = response.body().path("error");
    if (error.isObject()) {
      String field = error.path("field").asText("");
      return (field.isEmpty() ? "" : field + ": ") + error.path("message").asText();
    }
    JsonNode errors = response.body().path("errors");
    if (errors.isArray() && !errors.isEmpty()) {
      return errors.get(0).asText();
    }
    return "HTTP " + response.status() + " " + response.text();
  }
}
