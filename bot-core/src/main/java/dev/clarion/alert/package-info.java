/**
 * Alert ingest: the normalised {@link dev.clarion.alert.AlertEvent} every format maps to, the
 * integrations that send them, per-integration quotas, and the {@link dev.clarion.alert.IngestWriter}
 * that deduplicates, routes and commits alerts in groups before anyone gets a 202. Parsing of wire
 * formats lives in {@code http.ingest}; nothing here imports a vendor library.
 */
package dev.clarion.alert;
