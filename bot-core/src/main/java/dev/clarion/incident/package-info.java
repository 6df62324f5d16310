/**
 * Incidents: the deduplicated unit people respond to. The model ({@link dev.clarion.incident.Incident},
 * its status, urgency, impact and priority), its timeline, the {@link
 * dev.clarion.incident.IncidentStore} port and the {@link dev.clarion.incident.IncidentService} that
 * changes state. No vendor library (HTTP, SQL, engine, templates) may be imported here.
 */
package dev.clarion.incident;
