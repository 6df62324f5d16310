/**
 * The composition root: builds Clarion from a validated configuration — database, stores, domain
 * services, ingest writer, workflow relay, HTTP server — and shuts it down in the right order. The
 * only place that knows every adapter.
 */
package dev.clarion.app;
