package dev.clarion.runbook;

import dev.clarion.service.ServiceId;
import java.util.List;
import java.util.Map;

/**
 * A runbook as seed 003 describes it (id, description, tools used, special permissions, author,
 * last updated, escalation point of contact, steps) plus the services it is linked to. A playbook is
 * a runbook with stakeholders and a communication plan.
 *
 * @param parameters the parameters a run takes, with their defaults (null = required)
 * @param origin the file it was read from, for messages
 */
public record Runbook(
    RunbookId id,
    String name,
    String description,
    List<String> tools,
    List<String> permissions,
    String author,
    String lastUpdated,
    String escalationPoc,
    List<ServiceId> services,
    List<String> stakeholders,
    String communicationPlan,
    Map<String, String> parameters,
    List<Step> steps,
    String origin) {

  /** One step in document order: its BPMN element id, name and type (http, approval, ...). */
  public record Step(String id, String name, String type) {}

  public Runbook {
    tools = List.copyOf(tools);
    permissions = List.copyOf(permissions);
    services = List.copyOf(services);
    stakeholders = List.copyOf(stakeholders);
    steps = List.copyOf(steps);
    parameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
  }

  public boolean isPlaybook() {
    return !stakeholders.isEmpty() || !communicationPlan.isBlank();
  }

  public String stepName(String stepId) {
    return steps.stream().filter(s -> s.id().equals(stepId)).map(Step::name).findFirst()
        .orElse(stepId);
  }
}
