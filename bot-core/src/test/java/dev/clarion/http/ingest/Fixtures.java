package dev.clarion.http.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clarion.alert.AlertFormat;
import dev.clarion.alert.IngestQuota;
import dev.clarion.alert.Integration;
import dev.clarion.alert.IntegrationId;
import dev.clarion.incident.Urgency;
import dev.clarion.problem.Problem;
import dev.clarion.service.ServiceId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Sample payloads from {@code src/test/resources/fixtures} and the integration they arrive on. */
final class Fixtures {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  /** A fixture as a mutable tree, so a test can turn it into the variant it needs. */
  static ObjectNode read(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return (ObjectNode) MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static Integration integration(AlertFormat format) {
    return new Integration(
        new IntegrationId("test"),
        "Test",
        "key-123",
        format,
        new ServiceId("svc"),
        Urgency.MEDIUM,
        List.of(),
        IngestQuota.Rate.DEFAULT,
        false);
  }

  /** The Problem {@code call} throws; fails the test if it throws nothing or something else. */
  static Problem problem(ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(Problem.class);
    return (Problem) thrown;
  }
}
