package dev.clarion.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** What one {@code clarion ...} invocation printed and returned, run in this JVM. */
record CliRun(int exit, String out, String err) {
  static CliRun clarion(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = ClarionCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
