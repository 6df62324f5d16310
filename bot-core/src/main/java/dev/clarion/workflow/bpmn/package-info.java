/**
 * The BPMN adapter: the embedded Operaton engine on Clarion's DataSource ({@link
 * dev.clarion.workflow.bpmn.BpmnEscalationEngine}, settings in EngineSetup as measured in
 * notes/bpmn-engine.md), the compiler from YAML policies to laid-out BPMN in the Camunda namespace,
 * the validator and deployment, the thin {@code notify} delegate, and the simulator. Engine types
 * stay in this package: the domain ({@code escalation}) sees only its own ports.
 */
package dev.clarion.workflow.bpmn;
