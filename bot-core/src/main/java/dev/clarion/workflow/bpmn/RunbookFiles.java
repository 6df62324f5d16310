package dev.clarion.workflow.bpmn;

import dev.clarion.runbook.Runbook;
import dev.clarion.runbook.RunbookId;
import dev.clarion.service.ServiceId;
import dev.clarion.user.Role;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.EndEvent;
import org.operaton.bpm.model.bpmn.instance.ExclusiveGateway;
import org.operaton.bpm.model.bpmn.instance.FlowNode;
import org.operaton.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.operaton.bpm.model.bpmn.instance.ParallelGateway;
import org.operaton.bpm.model.bpmn.instance.Process;
import org.operaton.bpm.model.bpmn.instance.ServiceTask;
import org.operaton.bpm.model.bpmn.instance.StartEvent;
import org.operaton.bpm.model.bpmn.instance.TimerEventDefinition;
import org.operaton.bpm.model.bpmn.instance.UserTask;
import org.operaton.bpm.model.bpmn.instance.operaton.OperatonInputOutput;
import org.operaton.bpm.model.bpmn.instance.operaton.OperatonInputParameter;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads and checks the runbooks directory: each runbook is {@code <id>.bpmn} (one process with id
 * {@code runbook-<id>}, in the Camunda namespace so Camunda Modeler and bpmn-js open it) plus
 * {@code <id>.yml} with seed 003's fields. Every problem comes back as "file: what is wrong"; a
 * directory with any problem loads nothing.
 *
 * <p>Before deployment each process gets what the engine needs for runbooks, so authors need not
 * write it: every service task is asynchronous (its own transaction: progress is committed step by
 * step and a restart resumes at the step) with a single attempt (a failure stops the run at the
 * step until someone retries it), user tasks report that the run waits, end events that it ended.
 */
public final class RunbookFiles {
  static final String HTTP = "runbookHttp";
  static final String COMMAND = "runbookCommand";
  static final String NOTIFY = "runbookNotify";
  static final String WAIT_LISTENER = "runbookWait";
  static final String END_LISTENER = "runbookEnd";

  /** Step types by bean, with the inputs each takes (the first ones listed are required). */
  static final Map<String, List<String>> SERVICE_INPUTS = Map.of(
      HTTP, List.of("url", "method", "headers", "body", "expect", "capture"),
      COMMAND, List.of("command", "args", "capture"),
      NOTIFY, List.of("message", "to"));
  static final Map<String, Integer> REQUIRED = Map.of(HTTP, 1, COMMAND, 1, NOTIFY, 1);
  static final List<String> USER_TASK_INPUTS = List.of("kind", "question", "choices", "role");
  static final Set<String> METADATA_KEYS = Set.of("id", "name", "description", "tools",
      "permissions", "author", "last_updated", "escalation_poc", "services", "stakeholders",
      "communication_plan", "parameters");

  /** A checked runbook and the BPMN to deploy. */
  public record Loaded(Runbook runbook, String xml) {
    public String processKey() {
      return processKey(runbook.id());
    }

    static String processKey(RunbookId id) {
      return "runbook-" + id.value();
    }
  }

  /** Every problem found, each naming its file. */
  public static final class Invalid extends RuntimeException {
    private final List<String> problems;

    Invalid(List<String> problems) {
      super(String.join("\n", problems), null, false, false);
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  private RunbookFiles() {}

  /**
   * Loads every runbook in {@code dir} (none if it does not exist).
   *
   * @param services the configured service ids, or empty to skip that check (validate without a
   *     configuration)
   * @throws Invalid with every problem found
   */
  public static List<Loaded> load(Path dir, Optional<Set<ServiceId>> services) {
    List<String> problems = new ArrayList<>();
    List<Loaded> loaded = read(dir, services, problems);
    if (!problems.isEmpty()) {
      throw new Invalid(problems);
    }
    return loaded;
  }

  /** The problems in {@code dir}; empty when every runbook is fine. */
  public static List<String> validate(Path dir, Optional<Set<ServiceId>> services) {
    List<String> problems = new ArrayList<>();
    read(dir, services, problems);
    return problems;
  }

  private static List<Loaded> read(Path dir, Optional<Set<ServiceId>> services,
      List<String> problems) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    Set<String> bpmn = new TreeSet<>();
    Set<String> meta = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".bpmn")) {
          bpmn.add(name.substring(0, name.length() - 5));
        } else if (name.endsWith(".yml")) {
          meta.add(name.substring(0, name.length() - 4));
        } else if (name.endsWith(".yaml")) {
          meta.add(name.substring(0, name.length() - 5));
        }
      }
    } catch (IOException e) {
      problems.add(dir + ": cannot list the directory (" + e.getMessage() + ")");
      return List.of();
    }
    List<Loaded> out = new ArrayList<>();
    for (String id : meta) {
      if (!bpmn.contains(id)) {
        problems.add(dir.resolve(id + ".yml") + ": no " + id + ".bpmn next to it");
      }
    }
    for (String id : bpmn) {
      Path file = dir.resolve(id + ".bpmn");
      if (!RunbookId.FORMAT.matcher(id).matches()) {
        problems.add(file + ": the file name must be a runbook id (lower-case letters, digits, - and _)");
        continue;
      }
      if (!meta.contains(id)) {
        problems.add(file + ": no " + id + ".yml with the runbook's description, author,"
            + " last_updated and escalation_poc next to it");
        continue;
      }
      Path metaFile = Files.exists(dir.resolve(id + ".yml")) ? dir.resolve(id + ".yml")
          : dir.resolve(id + ".yaml");
      int before = problems.size();
      Optional<Metadata> metadata = metadata(metaFile, id, services, problems);
      Optional<BpmnModelInstance> model = model(file, problems);
      if (model.isEmpty()) {
        continue;
      }
      List<Runbook.Step> steps = check(file.toString(), new RunbookId(id), model.get(), problems);
      if (problems.size() > before || metadata.isEmpty()) {
        continue;
      }
      Metadata m = metadata.get();
      Runbook runbook = new Runbook(new RunbookId(id), m.name, m.description, m.tools,
          m.permissions, m.author, m.lastUpdated, m.escalationPoc, m.services, m.stakeholders,
          m.communicationPlan, m.parameters, steps, file.toString());
      out.add(new Loaded(runbook, Bpmn.convertToString(prepare(model.get()))));
    }
    return out;
  }

  private static Optional<BpmnModelInstance> model(Path file, List<String> problems) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return Optional.of(Bpmn.readModelFromStream(new ByteArrayInputStream(bytes)));
    } catch (IOException e) {
      problems.add(file + ": cannot read (" + e.getMessage() + ")");
    } catch (RuntimeException e) {
      problems.add(file + ": not a BPMN 2.0 file (" + rootCause(e) + ")");
    }
    return Optional.empty();
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  /** Checks the process; returns its steps in document order. */
  static List<Runbook.Step> check(String origin, RunbookId id, BpmnModelInstance model,
      List<String> problems) {
    Collection<Process> processes = model.getModelElementsByType(Process.class);
    String key = Loaded.processKey(id);
    if (processes.size() != 1 || !key.equals(processes.iterator().next().getId())) {
      problems.add(origin + ": must hold exactly one process, with id '" + key + "'");
      return List.of();
    }
    Process process = processes.iterator().next();
    if (!process.isExecutable()) {
      problems.add(origin + ": process '" + key + "' must be executable (isExecutable=\"true\")");
    }
    List<Runbook.Step> steps = new ArrayList<>();
    boolean hasStart = false;
    boolean hasEnd = false;
    for (FlowNode node : process.getChildElementsByType(FlowNode.class)) {
      String where = origin + ": " + node.getElementType().getTypeName() + " '" + node.getId() + "'";
      String name = node.getName() == null || node.getName().isBlank() ? node.getId()
          : node.getName().strip();
      if (node instanceof StartEvent s) {
        hasStart = true;
        if (!s.getEventDefinitions().isEmpty()) {
          problems.add(where + ": a runbook starts with a plain start event");
        }
      } else if (node instanceof EndEvent) {
        hasEnd = true;
      } else if (node instanceof ExclusiveGateway || node instanceof ParallelGateway) {
        continue;
      } else if (node instanceof IntermediateCatchEvent e) {
        if (e.getEventDefinitions().size() != 1
            || !(e.getEventDefinitions().iterator().next() instanceof TimerEventDefinition)) {
          problems.add(where + ": only timer events can wait in a runbook");
        } else {
          steps.add(new Runbook.Step(node.getId(), name, "wait"));
        }
      } else if (node instanceof ServiceTask task) {
        Optional<String> bean = PolicyValidator.taskType(task);
        if (bean.isEmpty() || !SERVICE_INPUTS.containsKey(bean.get())) {
          problems.add(where + ": unknown step type "
              + bean.map(b -> "'" + b + "'").orElse("(no camunda:delegateExpression)")
              + "; use camunda:delegateExpression=\"${runbookHttp}\", \"${runbookCommand}\" or"
              + " \"${runbookNotify}\"");
          continue;
        }
        List<String> allowed = SERVICE_INPUTS.get(bean.get());
        checkInputs(where, task, allowed, allowed.subList(0, REQUIRED.get(bean.get())), problems);
        if (bean.get().equals(HTTP)) {
          PolicyValidator.input(task, "url").filter(u -> !u.startsWith("http://")
                  && !u.startsWith("https://") && !u.startsWith("${"))
              .ifPresent(u -> problems.add(where + ": url must start with http:// or https://"));
          PolicyValidator.input(task, "method").filter(m -> !m.matches(
                  "(?i)GET|POST|PUT|PATCH|DELETE|HEAD"))
              .ifPresent(m -> problems.add(where + ": unknown method '" + m + "'"));
          PolicyValidator.input(task, "expect").filter(x -> !x.matches("[0-9x, ]+"))
              .ifPresent(x -> problems.add(where + ": expect is a list of statuses like 200,204"
                  + " or 2xx, not '" + x + "'"));
        }
        PolicyValidator.input(task, "capture").ifPresent(c -> checkCapture(where, c, problems));
        steps.add(new Runbook.Step(node.getId(), name, switch (bean.get()) {
          case HTTP -> "http";
          case COMMAND -> "command";
          default -> "notify";
        }));
      } else if (node instanceof UserTask task) {
        Optional<String> kind = PolicyValidator.input(task, "kind");
        if (kind.isEmpty() || !(kind.get().equals("approval") || kind.get().equals("prompt"))) {
          problems.add(where + ": a user task needs an input 'kind' of approval or prompt");
          continue;
        }
        checkInputs(where, task, USER_TASK_INPUTS,
            kind.get().equals("prompt") ? List.of("kind", "question") : List.of("kind"), problems);
        PolicyValidator.input(task, "role").filter(r -> Role.parse(r).isEmpty())
            .ifPresent(r -> problems.add(where + ": unknown role '" + r
                + "' (viewer, responder or admin)"));
        steps.add(new Runbook.Step(node.getId(), name, kind.get()));
      } else {
        problems.add(where + ": not a runbook step (use service tasks, user tasks, timer events,"
            + " exclusive or parallel gateways)");
      }
    }
    if (!hasStart || !hasEnd) {
      problems.add(origin + ": needs a start event and an end event");
    }
    List<String> order = flowOrder(process);
    return steps.stream().sorted(java.util.Comparator.comparingInt(s -> {
      int i = order.indexOf(s.id());
      return i < 0 ? Integer.MAX_VALUE : i;
    })).toList();
  }

  /** Element ids breadth-first from the start event along the flows: the order people read. */
  private static List<String> flowOrder(Process process) {
    List<String> order = new ArrayList<>();
    java.util.ArrayDeque<FlowNode> queue = new java.util.ArrayDeque<>(
        process.getChildElementsByType(StartEvent.class));
    while (!queue.isEmpty()) {
      FlowNode node = queue.poll();
      if (order.contains(node.getId())) {
        continue;
      }
      order.add(node.getId());
      node.getOutgoing().forEach(f -> queue.add(f.getTarget()));
    }
    return order;
  }

  private static void checkInputs(String where, FlowNode node, List<String> allowed,
      List<String> required, List<String> problems) {
    List<String> names = new ArrayList<>();
    if (node.getExtensionElements() != null) {
      for (OperatonInputOutput io : node.getExtensionElements().getElementsQuery()
          .filterByType(OperatonInputOutput.class).list()) {
        for (OperatonInputParameter p : io.getOperatonInputParameters()) {
          names.add(p.getOperatonName());
        }
      }
    }
    for (String n : names) {
      if (!allowed.contains(n)) {
        problems.add(where + ": unknown input '" + n + "' (known: " + String.join(", ", allowed)
            + ")");
      }
    }
    for (String r : required) {
      if (!names.contains(r)) {
        problems.add(where + ": missing required input '" + r + "'");
      }
    }
  }

  private static void checkCapture(String where, String capture, List<String> problems) {
    for (String line : capture.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        Capture.parse(line);
      } catch (IllegalArgumentException e) {
        problems.add(where + ": capture '" + line.strip() + "': " + e.getMessage());
      }
    }
  }

  /** Adds the engine settings every runbook process needs (see the class comment). */
  static BpmnModelInstance prepare(BpmnModelInstance model) {
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      task.builder().operatonAsyncBefore().operatonFailedJobRetryTimeCycle("R1/PT1S");
    }
    for (UserTask task : model.getModelElementsByType(UserTask.class)) {
      task.builder().operatonTaskListenerDelegateExpression("create", "${" + WAIT_LISTENER + "}");
    }
    for (EndEvent end : model.getModelElementsByType(EndEvent.class)) {
      end.builder().operatonExecutionListenerDelegateExpression("end", "${" + END_LISTENER + "}");
    }
    return model;
  }

  // --- metadata ---------------------------------------------------------------------------------

  private record Metadata(String name, String description, List<String> tools,
      List<String> permissions, String author, String lastUpdated, String escalationPoc,
      List<ServiceId> services, List<String> stakeholders, String communicationPlan,
      Map<String, String> parameters) {}

  private static Optional<Metadata> metadata(Path file, String id,
      Optional<Set<ServiceId>> known, List<String> problems) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions()))
          .load(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      problems.add(file + ": cannot read (" + e.getMessage() + ")");
      return Optional.empty();
    } catch (RuntimeException e) {
      problems.add(file + ": not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
      return Optional.empty();
    }
    if (!(root instanceof Map<?, ?> m)) {
      problems.add(file + ": must be a mapping of runbook fields");
      return Optional.empty();
    }
    int before = problems.size();
    for (Object k : m.keySet()) {
      if (!METADATA_KEYS.contains(String.valueOf(k))) {
        problems.add(file + ": unknown field '" + k + "' (known: "
            + String.join(", ", new TreeSet<>(METADATA_KEYS)) + ")");
      }
    }
    String declared = text(m, "id", file, problems, false);
    if (!declared.isEmpty() && !declared.equals(id)) {
      problems.add(file + ": id '" + declared + "' does not match the file name '" + id + "'");
    }
    String description = text(m, "description", file, problems, true);
    String author = text(m, "author", file, problems, true);
    String lastUpdated = text(m, "last_updated", file, problems, true);
    String poc = text(m, "escalation_poc", file, problems, true);
    List<ServiceId> services = new ArrayList<>();
    for (String s : list(m, "services", file, problems)) {
      if (known.isPresent() && !known.get().contains(new ServiceId(s))) {
        problems.add(file + ": services: no service '" + s + "' in the configuration");
      }
      services.add(new ServiceId(s));
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    Object params = m.get("parameters");
    if (params instanceof Map<?, ?> p) {
      p.forEach((k, v) -> {
        String name = String.valueOf(k);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
          problems.add(file + ": parameters: '" + name + "' is not a valid name");
        }
        parameters.put(name, v == null ? null : String.valueOf(v));
      });
    } else if (params != null) {
      problems.add(file + ": parameters must map names to defaults (no value = required)");
    }
    if (problems.size() > before) {
      return Optional.empty();
    }
    return Optional.of(new Metadata(text(m, "name", file, problems, false).isEmpty() ? id
        : text(m, "name", file, problems, false), description, list(m, "tools", file, problems),
        list(m, "permissions", file, problems), author, lastUpdated, poc, services,
        list(m, "stakeholders", file, problems), text(m, "communication_plan", file, problems, false),
        parameters));
  }

  private static String text(Map<?, ?> m, String key, Path file, List<String> problems,
      boolean required) {
    Object v = m.get(key);
    if (v == null || String.valueOf(v).isBlank()) {
      if (required) {
        problems.add(file + ": missing required field '" + key + "'");
      }
      return "";
    }
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      problems.add(file + ": '" + key + "' must be text");
      return "";
    }
    return String.valueOf(v).strip();
  }

  private static List<String> list(Map<?, ?> m, String key, Path file, List<String> problems) {
    Object v = m.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(String::valueOf).map(String::strip).toList();
    }
    if (v instanceof Map<?, ?>) {
      problems.add(file + ": '" + key + "' must be a list");
      return List.of();
    }
    return List.of(String.valueOf(v).strip());
  }
}
