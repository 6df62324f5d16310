package dev.clarion.http;

import dev.clarion.alert.AlertFormat;
import dev.clarion.alert.IngestOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/** Prometheus metrics for ingest: alerts by format and result, rejections, latency, batch sizes. */
public final class IngestMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final DistributionSummary batchSizes;

  public IngestMetrics() {
    batchSizes = DistributionSummary.builder("clarion_ingest_batch_requests")
        .description("Requests committed together by the ingest writer (group commit)")
        .publishPercentileHistogram()
        .register(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public void gauge(String name, String description, Supplier<Number> value) {
    io.micrometer.core.instrument.Gauge.builder(name, value).description(description).register(registry);
  }

  void accepted(AlertFormat format, IngestOutcome.Result result) {
    Counter.builder("clarion_alerts_received_total")
        .description("Alerts accepted (202), by format and what they did")
        .tag("format", format.label())
        .tag("result", result.label())
        .register(registry)
        .increment();
  }

  void rejected(String format, int status) {
    Counter.builder("clarion_ingest_rejected_total")
        .description("Ingest requests refused, by format and HTTP status")
        .tag("format", format)
        .tag("status", Integer.toString(status))
        .register(registry)
        .increment();
  }

  void latency(String format, Duration took) {
    Timer.builder("clarion_ingest_request_seconds")
        .description("Ingest request time, from body read to commit")
        .tag("format", format)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry)
        .record(took);
  }

  public void batch(int requests) {
    batchSizes.record(requests);
  }

  String scrape() {
    return registry.scrape();
  }
}
