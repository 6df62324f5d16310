package dev.clarion.audit;

import java.time.Instant;
import java.util.List;

/** The append-only audit log. Writes join the caller's transaction. */
public interface AuditLog {
  void record(Instant at, Actor actor, String action, String target, String detail);

  /** Newest first; {@code target} may be null for all. */
  List<AuditEntry> recent(String target, int limit);
}
