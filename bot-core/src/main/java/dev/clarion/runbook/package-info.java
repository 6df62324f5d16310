/**
 * Runbooks: the catalogue of runbooks (seed 003's fields plus their steps), runs of them and the
 * rules around a run — who may start, approve (four-eyes: never the requester) or answer it, what
 * reaches the incident's timeline and the audit log, and how secrets stay out of both. Steps
 * themselves run in a workflow engine behind {@link dev.clarion.runbook.RunbookEngine}; the
 * adapter (workflow.bpmn) calls back into {@link dev.clarion.runbook.Runbooks} for every step.
 *
 * <p>Retry design: a step that fails records the failure here (run FAILED, error on the timeline)
 * and stops its process at that step; {@code runbook retry <run>} asks the engine to run that same
 * step again, and the process goes on from there. Steps that succeeded are recorded by a key that is
 * stable across re-deliveries of the same engine job, so an at-least-once re-run of a step that
 * already succeeded replays its recorded outputs instead of calling the service twice.
 *
 * <p>Nothing here may use an engine, HTTP framework or database type.
 */
package dev.clarion.runbook;
