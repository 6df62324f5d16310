/**
 * Notification: the durable outbox of messages to people and webhooks, and the delivery worker
 * that drains it within each channel's rate limits (priority lanes, coalesced edits, backoff with
 * jitter, exact Retry-After, dead letters, message references for edits), plus the signed one-click
 * links. Plugins are reached through the {@code dev.clarion.api} SPI only; no vendor library
 * (JDBI, Javalin, FreeMarker, PF4J) is imported here.
 */
package dev.clarion.notification;
