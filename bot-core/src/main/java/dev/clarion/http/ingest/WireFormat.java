package dev.clarion.http.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarion.alert.AlertEvent;
import dev.clarion.alert.AlertFormat;
import dev.clarion.alert.Integration;
import java.util.List;

/**
 * One monitoring tool's wire format, mapped to Clarion's {@link AlertEvent}. Implementations are
 * stateless. Bad input throws {@link dev.clarion.problem.Problem#invalid} naming the offending field
 * as a JSON path ({@code payload.severity}, {@code alerts[1].status}).
 */
public interface WireFormat {
  AlertFormat format();

  List<AlertEvent> parse(JsonNode body, Integration integration);
}
