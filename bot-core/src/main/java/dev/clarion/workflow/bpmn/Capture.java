package dev.clarion.workflow.bpmn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a step's {@code capture} input: {@code variable = source}, where source is {@code
 * status}, {@code body}, {@code header:Name} or {@code json:path.to[0].field} for an HTTP step and
 * {@code output} or {@code exit} for a command step. The variable is set on the run's process, for
 * gateways and later steps ({@code ${variable}}).
 */
record Capture(String variable, String source, String argument) {
  private static final Pattern LINE =
      Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(status|body|output|exit|header:|json:)(.*)");
  private static final ObjectMapper JSON = new ObjectMapper();

  static Capture parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "use 'variable = status|body|header:Name|json:path' (HTTP) or 'variable = output|exit'"
              + " (command)");
    }
    String source = m.group(2).replace(":", "");
    String argument = m.group(3).strip();
    if ((source.equals("header") || source.equals("json")) && argument.isEmpty()) {
      throw new IllegalArgumentException(source + ": needs a " + (source.equals("json")
          ? "path, e.g. json:replica.lag_seconds" : "header name"));
    }
    if (!(source.equals("header") || source.equals("json")) && !argument.isEmpty()) {
      throw new IllegalArgumentException("unexpected '" + argument + "' after " + source);
    }
    return new Capture(m.group(1), source, argument);
  }

  /** Reads {@code path} ("a.b[0].c") from a JSON text; empty when absent or not JSON. */
  static String json(String body, String path) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (IOException e) {
      return "";
    }
    for (String part : path.split("\\.")) {
      Matcher index = Pattern.compile("([^\\[]*)((\\[\\d+])*)").matcher(part);
      if (!index.matches() || node == null) {
        return "";
      }
      if (!index.group(1).isEmpty()) {
        node = node.get(index.group(1));
      }
      Matcher i = Pattern.compile("\\[(\\d+)]").matcher(index.group(2));
      while (node != null && i.find()) {
        node = node.get(Integer.parseInt(i.group(1)));
      }
    }
    if (node == null || node.isNull()) {
      return "";
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }
}
