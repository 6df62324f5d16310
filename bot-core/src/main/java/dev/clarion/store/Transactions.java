package dev.clarion.store;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction. Nested calls join the outer transaction, so a service
 * method can be called on its own or as part of a larger unit (the ingest writer's batch).
 */
public interface Transactions {
  <T> T inTransaction(Supplier<T> work);
}
