/**
 * The Telegram channel: pages as HTML messages with Acknowledge / Resolve / Escalate buttons,
 * bot commands mapped to the command catalogue, long polling or our own webhook route. Sees only
 * {@code dev.clarion.api} and telegrambots; queueing, limits and retries are the core's.
 */
package dev.clarion.plugins.telegram;
