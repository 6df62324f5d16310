package dev.clarion.api;

import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * A channel Clarion can reach people through (Slack, Telegram, a generic webhook...). The core owns
 * queueing, ordering, retries and rate limiting; a plugin only turns one {@link Outgoing} into one
 * platform call and says how it went.
 */
public interface ChannelPlugin extends ExtensionPoint {
  /** Stable id used in configuration and in stored notifications: "webhook", "slack", ... */
  String id();

  Set<Capability> capabilities();

  /** The platform's documented limits; the core never calls {@link #deliver} faster than this. */
  RateLimits rateLimits();

  /** Called once before the first delivery. Mount routes and read configuration here. */
  void start(ChannelContext context);

  /**
   * Posts (or, when {@link Outgoing#replaces()} is present and the channel can, edits) one message.
   * Must not throw for platform answers: a 429 is {@link DeliveryResult.RetryAfter}, a refused
   * request is {@link DeliveryResult.Failed}. Called from one delivery thread at a time per message.
   */
  DeliveryResult deliver(Outgoing message);

  /** Releases connections and threads. */
  default void stop() {}
}
