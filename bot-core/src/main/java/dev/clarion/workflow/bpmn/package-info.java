/**
 * The BPMN adapter: the embedded Operaton engine on Clarion's DataSource ({@link
 * dev.clarion.workflow.bpmn.BpmnEscalationEngine}, settings in EngineSetup as measured in
 * notes/bpmn-engine.md), the compiler from YAML policies to laid-out BPMN in the Camunda namespace,
 * the validator and deployment, the thin {@code notify} delegate, and the simulator. Runbooks run on
 * the same engine: {@link dev.clarion.workflow.bpmn.RunbookFiles} reads and checks them, {@link
 * dev.clarion.workflow.bpmn.BpmnRunbookEngine} starts, completes, retries and cancels their
 * processes (business key {@code run-<n>}), and RunbookSteps holds their thin HTTP, command and
 * notify delegates. Engine types stay in this package: the domain ({@code escalation}, {@code
 * runbook}) sees only its own ports.
 */
package dev.clarion.workflow.bpmn;
