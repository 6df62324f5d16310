package dev.clarion.workflow.bpmn;

import dev.clarion.escalation.EscalationPolicy;
import dev.clarion.schedule.ScheduleId;
import dev.clarion.service.Service;
import dev.clarion.service.ServiceDirectory;
import dev.clarion.team.TeamDirectory;
import dev.clarion.user.UserDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;

/**
 * Every escalation policy Clarion can run, validated: YAML policies from {@code clarion.yml}
 * compiled to BPMN, and the {@code .bpmn} files in the workflows directory. A file wins over a
 * YAML policy of the same name: it is what {@code clarion policy compile} wrote and a person may
 * since have edited in a modeler. A file whose process is marked not executable is an example to
 * copy and is left out. Nothing is returned unless everything is valid.
 */
public final class PolicyCatalog {
  /** A policy ready to deploy. {@code origin} names where it came from, for messages. */
  public record Policy(String name, String origin, String xml) {
    public String processKey() {
      return PolicyCompiler.processKey(name);
    }
  }

  /** The service task types Clarion provides (bean names for camunda:delegateExpression). */
  public static final Set<String> TASK_TYPES =
      Set.of(NotifyDelegate.BEAN, BusinessHours.BEAN, AssignDelegate.BEAN);

  private PolicyCatalog() {}

  public static List<Policy> load(
      List<EscalationPolicy> yamlPolicies,
      Optional<Path> directory,
      ServiceDirectory services,
      UserDirectory users,
      TeamDirectory teams,
      Set<ScheduleId> schedules) {
    return load(yamlPolicies, directory, services, users, teams, schedules, Set.of());
  }

  /** @param calendars the calendar names {@code businessHours.isOpen(..)} may use */
  public static List<Policy> load(
      List<EscalationPolicy> yamlPolicies,
      Optional<Path> directory,
      ServiceDirectory services,
      UserDirectory users,
      TeamDirectory teams,
      Set<ScheduleId> schedules,
      Set<String> calendars) {
    Map<String, Policy> byName = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (EscalationPolicy policy : yamlPolicies) {
      byName.put(
          policy.name(),
          new Policy(policy.name(), "clarion.yml policy '" + policy.name() + "'",
              PolicyCompiler.toXml(policy)));
    }
    if (directory.isPresent() && Files.isDirectory(directory.get())) {
      for (Path file : files(directory.get())) {
        String name = file.getFileName().toString().replaceFirst("\\.bpmn$", "");
        try {
          byName.put(name, new Policy(name, file.toString(), Files.readString(file)));
        } catch (IOException e) {
          problems.add(file + ": cannot read (" + e.getMessage() + ")");
        }
      }
    }
    PolicyValidator validator = new PolicyValidator(TASK_TYPES, users, teams, schedules, calendars);
    Map<String, Policy> templates = new LinkedHashMap<>();
    for (Policy policy : List.copyOf(byName.values())) {
      Optional<BpmnModelInstance> model = parse(policy, problems);
      if (model.isPresent() && isTemplate(model.get())) {
        // A process marked not executable is an example to copy, not a policy: not deployed.
        byName.remove(policy.name());
        templates.put(policy.name(), policy);
        continue;
      }
      model.ifPresent(
          m -> problems.addAll(validator.validate(policy.origin(), policy.name(), m)));
    }
    for (Service service : services.all()) {
      service.escalationPolicy().filter(templates::containsKey).ifPresent(
          p -> problems.add("service '" + service.id() + "' uses escalation policy '" + p
              + "', but " + templates.get(p).origin() + " is not executable (an example:"
              + " set isExecutable=\"true\" once its names fit your clarion.yml)"));
    }
    for (Service service : services.all()) {
      service.escalationPolicy()
          .filter(p -> !byName.containsKey(p) && !templates.containsKey(p)).ifPresent(
          p -> problems.add("service '" + service.id() + "' uses escalation policy '" + p
              + "', which is neither in clarion.yml nor a file in "
              + directory.map(Path::toString).orElse("the workflows directory")));
    }
    if (!problems.isEmpty()) {
      throw new PolicyException(problems);
    }
    return List.copyOf(byName.values());
  }

  /** Every process in the file is marked isExecutable="false". */
  static boolean isTemplate(BpmnModelInstance model) {
    var processes = model.getModelElementsByType(org.operaton.bpm.model.bpmn.instance.Process.class);
    return !processes.isEmpty() && processes.stream().noneMatch(
        org.operaton.bpm.model.bpmn.instance.Process::isExecutable);
  }

  static Optional<BpmnModelInstance> parse(Policy policy, List<String> problems) {
    try {
      return Optional.of(Bpmn.readModelFromStream(
          new ByteArrayInputStream(policy.xml().getBytes(StandardCharsets.UTF_8))));
    } catch (RuntimeException e) {
      problems.add(policy.origin() + ": not valid BPMN (" + rootMessage(e) + ")");
      return Optional.empty();
    }
  }

  private static List<Path> files(Path directory) {
    try (Stream<Path> listing = Files.list(directory)) {
      return listing.filter(p -> p.getFileName().toString().endsWith(".bpmn")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory, e);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
