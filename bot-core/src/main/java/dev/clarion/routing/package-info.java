/**
 * Routing rules: per integration, evaluated in priority order, first match wins. Conditions look at
 * the summary, source, urgency, labels and custom-details paths; actions route to a service, set the
 * urgency or drop the alert. Nothing matched: the integration's default service.
 */
package dev.clarion.routing;
