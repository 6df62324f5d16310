/**
 * Escalation: the {@code workflow_command} outbox that records, in the same transaction as an
 * incident change, what the escalation engine must do; the {@link dev.clarion.escalation.Escalations}
 * port the engine implements and the relay that hands commands over; the list-shaped {@link
 * dev.clarion.escalation.EscalationPolicy} and its {@link dev.clarion.escalation.Target}s; and
 * {@link dev.clarion.escalation.EscalationSteps}, what one step does (resolve targets, page once per
 * {@link dev.clarion.escalation.StepKey} through the {@link dev.clarion.escalation.Notifier} port).
 * The engine adapter also implements the ports for what users see of a running escalation: {@link
 * dev.clarion.escalation.EscalationOutlook} (the {@link dev.clarion.escalation.NextEscalation}
 * step), {@link dev.clarion.escalation.EscalationSimulations} ({@code oncall simulate}) and {@link
 * dev.clarion.escalation.PolicyDeployer}; {@link dev.clarion.escalation.BusinessCalendar} is what a
 * business-hours gateway asks and {@link dev.clarion.escalation.Assignments} what an assign task
 * uses. No engine types here.
 */
package dev.clarion.escalation;
