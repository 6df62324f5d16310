/**
 * The generic webhook channel: posts a rendered body to any HTTP endpoint (seed 001's Generic
 * Webhook). Sees only {@code dev.clarion.api}; queueing, limits and retries are the core's.
 */
package dev.clarion.plugins.webhook;
