/**
 * The Discord channel: incident embeds with signed Acknowledge / Resolve / Escalate buttons, the
 * {@code /clarion} slash command mapped to the command catalogue, and the Ed25519-verified HTTP
 * interactions endpoint. Sees only {@code dev.clarion.api}, the JDK and Jackson; queueing, limits
 * and retries are the core's.
 */
package dev.clarion.plugins.discord;
