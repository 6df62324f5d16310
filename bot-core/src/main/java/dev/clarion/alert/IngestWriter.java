package dev.clarion.alert;

import dev.clarion.problem.Problem;
import dev.clarion.store.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single ingest writer with group commit. HTTP threads parse and validate, then {@link #submit}
 * a request's alerts; one thread drains up to {@code maxBatch} requests, processes them in one
 * transaction, commits, and only then completes each request's future — so a 202 always means
 * "durable". One writer per node also serialises dedup: two posts with the same key cannot race.
 *
 * <p>If a batch fails, its requests are retried one transaction each, so one bad request cannot
 * fail its neighbours. The queue is bounded: when full, {@link #submit} refuses with {@code
 * RATE_LIMITED} instead of building an unbounded backlog.
 */
public final class IngestWriter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IngestWriter.class);

  private record Request(List<AlertEvent> events, CompletableFuture<List<IngestOutcome>> done) {}

  private final AlertProcessor processor;
  private final Transactions transactions;
  private final BlockingQueue<Request> queue;
  private final int maxBatch;
  private final Consumer<Integer> batchSizes;
  private final Thread thread;
  private volatile boolean running = true;

  public IngestWriter(
      AlertProcessor processor, Transactions transactions, int queueCapacity, int maxBatch,
      Consumer<Integer> batchSizes) {
    this.processor = processor;
    this.transactions = transactions;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.maxBatch = maxBatch;
    this.batchSizes = batchSizes;
    this.thread = new Thread(this::run, "ingest-writer");
    thread.setDaemon(false);
  }

  /** Starts writing. Requests submitted before this wait in the queue (tests use that to form one batch). */
  public IngestWriter start() {
    thread.start();
    return this;
  }

  /** Queues a request's alerts; the future completes after their commit. */
  public CompletableFuture<List<IngestOutcome>> submit(List<AlertEvent> events) {
    if (!running) {
      throw Problem.of(Problem.Kind.UNAVAILABLE, "Clarion is shutting down; retry shortly");
    }
    Request request = new Request(List.copyOf(events), new CompletableFuture<>());
    if (!queue.offer(request)) {
      throw Problem.rateLimited("ingest queue is full; retry after a second", java.time.Duration.ofSeconds(1));
    }
    return request.done();
  }

  /** Whether the writer thread is alive to commit what is submitted. */
  public boolean isRunning() {
    return running && thread.isAlive();
  }

  public int queued() {
    return queue.size();
  }

  private void run() {
    List<Request> batch = new ArrayList<>(maxBatch);
    while (running || !queue.isEmpty()) {
      try {
        Request first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException | Error e) {
        log.error("ingest writer failed a batch of {} requests", batch.size(), e);
        batch.forEach(r -> r.done().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<Request> batch) {
    batchSizes.accept(batch.size());
    List<List<IngestOutcome>> results;
    try {
      results = transactions.inTransaction(() -> batch.stream().map(this::process).toList());
    } catch (RuntimeException batchFailure) {
      if (batch.size() == 1) {
        batch.get(0).done().completeExceptionally(batchFailure);
        return;
      }
      log.warn("batch of {} failed ({}); retrying each request alone", batch.size(), batchFailure.toString());
      for (Request request : batch) {
        try {
          complete(request, transactions.inTransaction(() -> process(request)));
        } catch (RuntimeException e) {
          request.done().completeExceptionally(e);
        }
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      complete(batch.get(i), results.get(i));
    }
  }

  private List<IngestOutcome> process(Request request) {
    return request.events().stream().map(processor::process).toList();
  }

  private static void complete(Request request, List<IngestOutcome> outcomes) {
    request.done().complete(outcomes);
  }

  /** Stops taking new requests, writes what is queued, then returns. */
  @Override
  public void close() {
    running = false;
    if (!thread.isAlive() && thread.getState() == Thread.State.NEW) {
      thread.start();
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
