/**
 * Services: what an incident is about ("checkout", "payments-db"). A service has an impact level (for
 * the priority matrix) and, later, an escalation policy. Services are defined in configuration and
 * looked up through the {@link dev.clarion.service.ServiceDirectory} port.
 */
package dev.clarion.service;
