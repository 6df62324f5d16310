package dev.clarion.workflow.bpmn;

import dev.clarion.runbook.RunId;
import dev.clarion.runbook.RunStatus;
import dev.clarion.runbook.RunbookSettings;
import dev.clarion.runbook.Runbooks;
import dev.clarion.runbook.Secrets;
import dev.clarion.runbook.StepFailure;
import dev.clarion.user.Role;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.DelegateTask;
import org.operaton.bpm.engine.delegate.ExecutionListener;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.operaton.bpm.engine.delegate.TaskListener;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.jobexecutor.JobExecutorContext;

/**
 * The thin delegates of runbook steps: each maps the task's inputs to one call and reports the
 * result to {@link Runbooks}. A step's outputs become process variables named {@code
 * <step>_status}, {@code <step>_body}, {@code <step>_output}, {@code <step>_exit} (the step id with
 * {@code -} as {@code _}) plus its {@code capture}s, so gateways can branch on them.
 *
 * <p>A failed step reports the failure (run FAILED, error in the timeline) and throws, so its job
 * fails with no retry left and the process stays at the step; {@code runbook retry} gives the job
 * one more attempt. A step that already succeeded under the same job (a re-delivery after a crash)
 * replays its recorded outputs instead of calling out again.
 */
final class RunbookSteps {
  static final String BUSINESS_KEY_PREFIX = "run-";
  private static final int BODY_LIMIT = 4000;

  private final Runbooks runbooks;
  private final HttpClient http;

  RunbookSteps(Runbooks runbooks) {
    this.runbooks = runbooks;
    this.http = HttpClient.newBuilder()
        .connectTimeout(runbooks.settings().httpTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** The engine beans, by the names runbook BPMN uses. */
  Map<Object, Object> beans() {
    return Map.of(
        RunbookFiles.HTTP, new Step(this::http),
        RunbookFiles.COMMAND, new Step(this::command),
        RunbookFiles.NOTIFY, new Step(this::notify),
        RunbookFiles.WAIT_LISTENER, (TaskListener) this::waiting,
        RunbookFiles.END_LISTENER, (ExecutionListener) e -> runbooks.finished(run(e)));
  }

  static RunId run(DelegateExecution execution) {
    return new RunId(Long.parseLong(
        execution.getProcessBusinessKey().substring(BUSINESS_KEY_PREFIX.length())));
  }

  static String variablePrefix(String activityId) {
    return activityId.replace('-', '_');
  }

  /** What one step did: its outputs and one line for the timeline. */
  record Result(Map<String, String> outputs, String summary) {}

  @FunctionalInterface
  interface Action {
    Result perform(DelegateExecution execution);
  }

  /** The common part of every step: replay, report, fail. */
  final class Step implements JavaDelegate {
    private final Action action;

    Step(Action action) {
      this.action = action;
    }

    @Override
    public void execute(DelegateExecution execution) {
      RunId run = run(execution);
      String step = execution.getCurrentActivityId();
      String key = stepKey(execution);
      Optional<Map<String, String>> done = runbooks.replay(run, key);
      if (done.isPresent()) {
        done.get().forEach((k, v) -> execution.getProcessInstance().setVariable(k, v));
        return;
      }
      Result result;
      try {
        result = action.perform(execution);
      } catch (StepFailure failure) {
        runbooks.stepFailed(run, step, failure.getMessage(), failure.isRefusal());
        throw new IllegalStateException("runbook run #" + run + " step " + step + " failed: "
            + runbooks.secrets().mask(failure.getMessage()));
      } catch (RuntimeException e) {
        String message = runbooks.secrets().mask(String.valueOf(e.getMessage()));
        runbooks.stepFailed(run, step, e.getClass().getSimpleName() + ": " + message, false);
        throw new IllegalStateException("runbook run #" + run + " step " + step + " failed: "
            + message);
      }
      result.outputs().forEach((k, v) -> execution.getProcessInstance().setVariable(k, v));
      runbooks.stepSucceeded(run, step, result.summary(), key, result.outputs());
    }
  }

  /** The job's id: the same when the engine re-delivers this job, new for a new visit. */
  private static String stepKey(DelegateExecution execution) {
    JobExecutorContext context = Context.getJobExecutorContext();
    if (context != null && context.getCurrentJob() != null) {
      return "job:" + context.getCurrentJob().getId();
    }
    return "activity:" + execution.getActivityInstanceId();
  }

  private static Optional<String> input(DelegateExecution execution, String name) {
    Object value = execution.getVariableLocal(name);
    if (value == null) {
      return Optional.empty();
    }
    String text = value instanceof List<?> l ? String.join("\n", l.stream().map(String::valueOf)
        .toList()) : String.valueOf(value);
    return text.isBlank() ? Optional.empty() : Optional.of(text.strip());
  }

  private static List<String> inputList(DelegateExecution execution, String name) {
    Object value = execution.getVariableLocal(name);
    if (value instanceof List<?> l) {
      return l.stream().map(String::valueOf).toList();
    }
    if (value == null || String.valueOf(value).isBlank()) {
      return List.of();
    }
    return String.valueOf(value).strip().lines().map(String::strip).filter(s -> !s.isEmpty())
        .toList();
  }

  // --- http ---------------------------------------------------------------------------------------

  private Result http(DelegateExecution execution) {
    Secrets secrets = runbooks.secrets();
    RunbookSettings settings = runbooks.settings();
    String shownUrl = input(execution, "url").orElseThrow(() -> new StepFailure("no url"));
    URI uri;
    try {
      uri = URI.create(secrets.resolve(shownUrl));
    } catch (IllegalArgumentException e) {
      throw new StepFailure("'" + shownUrl + "' is not a URL");
    }
    if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
      throw new StepFailure("'" + shownUrl + "' is not an http(s) URL");
    }
    int port = uri.getPort() != -1 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
    if (!settings.allowsHost(uri.getHost(), port)) {
      throw StepFailure.refused("host '" + uri.getHost() + "' is not in runbooks.http.allow_hosts;"
          + " the call to " + shownUrl + " was not made");
    }
    Optional<String> body = input(execution, "body");
    String method = input(execution, "method").orElse(body.isPresent() ? "POST" : "GET")
        .toUpperCase(Locale.ROOT);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.httpTimeout())
        .method(method, body.map(b -> HttpRequest.BodyPublishers.ofString(secrets.resolve(b)))
            .orElse(HttpRequest.BodyPublishers.noBody()));
    for (String line : inputList(execution, "headers")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new StepFailure("header '" + line + "' is not 'Name: value'");
      }
      request.header(line.substring(0, colon).strip(), secrets.resolve(line.substring(colon + 1).strip()));
    }
    if (body.isPresent() && inputList(execution, "headers").stream()
        .noneMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("content-type"))) {
      request.header("Content-Type", body.get().startsWith("{") || body.get().startsWith("[")
          ? "application/json" : "text/plain; charset=utf-8");
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new StepFailure(method + " " + shownUrl + " did not answer within "
          + settings.httpTimeout().toSeconds() + " s");
    } catch (IOException e) {
      throw new StepFailure(method + " " + shownUrl + " failed: " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : " " + e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StepFailure(method + " " + shownUrl + " was interrupted");
    }
    String answer = secrets.mask(response.body() == null ? "" : response.body());
    int status = response.statusCode();
    String expect = input(execution, "expect").orElse("2xx");
    if (!expected(expect, status)) {
      throw new StepFailure(method + " " + shownUrl + " answered " + status + " (expected "
          + expect + ")" + (answer.isBlank() ? "" : ": " + Runbooks.clip(answer, 300)));
    }
    String prefix = variablePrefix(execution.getCurrentActivityId());
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put(prefix + "_status", Integer.toString(status));
    outputs.put(prefix + "_body", Runbooks.clip(answer, BODY_LIMIT));
    for (String line : inputList(execution, "capture")) {
      Capture c = Capture.parse(line);
      outputs.put(c.variable(), switch (c.source()) {
        case "status" -> Integer.toString(status);
        case "body" -> Runbooks.clip(answer, BODY_LIMIT);
        case "header" -> secrets.mask(response.headers().firstValue(c.argument()).orElse(""));
        case "json" -> Capture.json(answer, c.argument());
        default -> throw new StepFailure("capture '" + line + "' does not apply to an HTTP step");
      });
    }
    return new Result(outputs, method + " " + shownUrl + " → " + status
        + (answer.isBlank() ? "" : ": " + Runbooks.clip(answer.replaceAll("\\s+", " "), 300)));
  }

  static boolean expected(String expect, int status) {
    for (String part : expect.split("[,\\s]+")) {
      String p = part.strip().toLowerCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      if (p.endsWith("xx") && p.length() == 3 && status / 100 == p.charAt(0) - '0') {
        return true;
      }
      if (p.equals(Integer.toString(status))) {
        return true;
      }
    }
    return false;
  }

  // --- command ------------------------------------------------------------------------------------

  private Result command(DelegateExecution execution) {
    String name = input(execution, "command").orElseThrow(() -> new StepFailure("no command"));
    RunbookSettings.AllowedCommand allowed = runbooks.settings().commands().get(name);
    if (allowed == null) {
      throw StepFailure.refused("command '" + name + "' is not in runbooks.commands; nothing was"
          + " run");
    }
    List<String> argv = new ArrayList<>();
    argv.add(allowed.executable());
    argv.addAll(allowed.args());
    List<String> extra = inputList(execution, "args");
    for (String a : extra) {
      argv.add(runbooks.secrets().resolve(a));
    }
    String shown = name + (extra.isEmpty() ? "" : " " + String.join(" ", extra));
    Process process;
    try {
      // No shell: the executable gets exactly these arguments.
      process = new ProcessBuilder(argv).redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    } catch (IOException e) {
      throw new StepFailure("cannot start '" + name + "': " + e.getMessage());
    }
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
    boolean finished;
    try {
      finished = process.waitFor(allowed.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new StepFailure("'" + shown + "' was interrupted");
    }
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new StepFailure("'" + shown + "' did not finish within " + human(allowed.timeout())
          + " and was stopped");
    }
    String text = runbooks.secrets().mask(output.join());
    int exit = process.exitValue();
    if (exit != 0) {
      throw new StepFailure("'" + shown + "' exited with " + exit
          + (text.isBlank() ? "" : ": " + Runbooks.clip(text, 300)));
    }
    String prefix = variablePrefix(execution.getCurrentActivityId());
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put(prefix + "_exit", Integer.toString(exit));
    outputs.put(prefix + "_output", Runbooks.clip(text, BODY_LIMIT));
    for (String line : inputList(execution, "capture")) {
      Capture c = Capture.parse(line);
      outputs.put(c.variable(), switch (c.source()) {
        case "output" -> Runbooks.clip(text.strip(), BODY_LIMIT);
        case "exit" -> Integer.toString(exit);
        default -> throw new StepFailure("capture '" + line + "' does not apply to a command step");
      });
    }
    return new Result(outputs, "ran " + shown + " (exit 0)"
        + (text.isBlank() ? "" : ": " + Runbooks.clip(text.strip(), 300)));
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static String human(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  // --- notify, waiting ----------------------------------------------------------------------------

  private Result notify(DelegateExecution execution) {
    String message = input(execution, "message").orElseThrow(() -> new StepFailure("no message"));
    List<String> to = inputList(execution, "to").stream()
        .flatMap(l -> java.util.Arrays.stream(l.split(","))).map(String::strip)
        .filter(s -> !s.isEmpty() && !s.equals("-")).toList();
    int sent = runbooks.announce(run(execution), execution.getCurrentActivityId(),
        runbooks.secrets().resolve(message), to);
    return new Result(Map.of(), "notified" + (to.isEmpty() ? " the incident thread"
        : " " + String.join(", ", to) + " (" + sent + " message(s))"));
  }

  private void waiting(DelegateTask task) {
    RunId run = new RunId(Long.parseLong(task.getExecution().getProcessBusinessKey()
        .substring(BUSINESS_KEY_PREFIX.length())));
    String kind = String.valueOf(task.getVariable("kind"));
    Object q = task.getVariable("question");
    String name = task.getName() == null ? task.getTaskDefinitionKey() : task.getName();
    String question = q == null || String.valueOf(q).isBlank()
        ? (kind.equals("approval") ? "approve '" + name + "'?" : name) : String.valueOf(q).strip();
    if (kind.equals("approval")) {
      Object role = task.getVariable("role");
      runbooks.waiting(run, task.getTaskDefinitionKey(), RunStatus.WAITING_APPROVAL, question,
          List.of(), role == null ? Optional.empty() : Role.parse(String.valueOf(role)));
    } else {
      Object choices = task.getVariable("choices");
      List<String> list = choices instanceof List<?> l ? l.stream().map(String::valueOf).toList()
          : choices == null ? List.of() : java.util.Arrays.stream(String.valueOf(choices).split(","))
              .map(String::strip).filter(s -> !s.isEmpty()).toList();
      runbooks.waiting(run, task.getTaskDefinitionKey(), RunStatus.WAITING_INPUT, question, list,
          Optional.empty());
    }
  }
}
