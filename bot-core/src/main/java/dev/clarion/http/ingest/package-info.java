/**
 * The wire formats Clarion ingests: each {@link dev.clarion.http.ingest.WireFormat} maps one
 * monitoring tool's parsed JSON body (AlertNow Standard, PagerDuty Events v2, Alertmanager,
 * Grafana, CloudWatch through SNS) to {@link dev.clarion.alert.AlertEvent}s, and reports bad input
 * as a {@link dev.clarion.problem.Problem} naming the field by its JSON path. Jackson is allowed
 * here and must not leak out: events carry plain Java values. Routing, dedup and storage are not
 * done here; {@link dev.clarion.http.ingest.WireFormats} is the one place that picks a format's
 * parser.
 */
package dev.clarion.http.ingest;
