package dev.clarion.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clarion.problem.Problem;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;

/** Reading request bodies and writing JSON responses, with size and syntax errors that name the problem. */
final class JsonBodies {
  static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build();

  private final long maxBodyBytes;

  JsonBodies(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Parses the body as JSON, refusing oversize bodies (413) and malformed JSON (400). */
  JsonNode read(Context ctx) {
    String length = ctx.header("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > maxBodyBytes) {
          throw tooLarge();
        }
      } catch (NumberFormatException e) {
        throw Problem.invalid("Content-Length", "Content-Length is not a number");
      }
    }
    byte[] body = ctx.bodyAsBytes();
    if (body.length > maxBodyBytes) {
      throw tooLarge();
    }
    if (body.length == 0) {
      throw Problem.invalid("body", "the request body is empty; send a JSON object");
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw Problem.invalid("body", "the request body is empty; send a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      throw Problem.invalid("body", "malformed JSON" + where + ": " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw Problem.invalid("body", "unreadable body: " + e.getMessage());
    }
  }

  private Problem tooLarge() {
    return Problem.of(Problem.Kind.TOO_LARGE,
        "request body is larger than " + maxBodyBytes + " bytes (" + maxBodyBytes / 1024 + " KiB)");
  }

  static void send(Context ctx, int status, Object body) {
    try {
      ctx.status(status)
          .contentType("application/json")
          .result(MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response not serialisable", e);
    }
  }
}
