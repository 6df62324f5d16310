package dev.clarion.escalation;

/**
 * Where an escalation step's page goes. Called inside the step's transaction, once per step key
 * (the caller has already made the step idempotent), so an implementation that writes an outbox
 * row joins that transaction and needs no idempotency of its own.
 */
public interface Notifier {
  void page(Page page);
}
