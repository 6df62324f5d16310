package dev.clarion.audit;

import java.time.Instant;

/** One audited change. {@code target} names what changed, e.g. {@code incident:42}. */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String detail) {}
