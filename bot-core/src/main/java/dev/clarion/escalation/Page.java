package dev.clarion.escalation;

import dev.clarion.user.UserId;
import java.util.List;

/**
 * One escalation step's page: who to reach for which incident, and a human reason such as "step 2
 * of round 1: team sre".
 */
public record Page(StepKey key, List<UserId> recipients, String reason) {
  public Page {
    recipients = List.copyOf(recipients);
  }
}
