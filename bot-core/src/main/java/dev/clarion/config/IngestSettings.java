package dev.clarion.config;

/**
 * The alert ingest pipeline's sizing.
 *
 * @param queueCapacity alerts accepted but not yet committed; beyond it senders get 503
 * @param maxBatch alerts committed in one transaction
 */
public record IngestSettings(int queueCapacity, int maxBatch) {
  public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
  public static final int DEFAULT_MAX_BATCH = 200;

  public static IngestSettings defaults() {
    return new IngestSettings(DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_BATCH);
  }
}
