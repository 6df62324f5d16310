/**
 * The HTTP adapter (Javalin): ingest endpoints, the REST API under {@code /api/v1}, health and
 * Prometheus metrics. Problems map to statuses and JSON bodies in one place ({@link
 * dev.clarion.http.HttpServer}). Handlers translate and delegate; no business rules live here.
 */
package dev.clarion.http;
