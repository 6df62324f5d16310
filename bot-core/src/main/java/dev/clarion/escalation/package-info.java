/**
 * Escalation: the {@code workflow_command} outbox that records, in the same transaction as an
 * incident change, what the escalation engine must do; the {@link dev.clarion.escalation.Escalations}
 * port the engine implements; and the relay that hands commands over. No engine types here.
 */
package dev.clarion.escalation;
