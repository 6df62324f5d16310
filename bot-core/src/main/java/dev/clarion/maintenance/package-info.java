/**
 * Maintenance windows: a period during which alerts for the named services are still accepted and
 * recorded but open incidents as suppressed (visible, not escalated). Holds the {@link
 * dev.clarion.maintenance.MaintenanceWindow} model, the {@link
 * dev.clarion.maintenance.MaintenanceStore} port, the {@link
 * dev.clarion.maintenance.MaintenanceService} (start, schedule, extend, end, history, preview,
 * and the end-of-window {@link dev.clarion.maintenance.EndPolicy}) and nothing technical: no
 * vendor library (HTTP, SQL, YAML) may be imported here.
 */
package dev.clarion.maintenance;
