package dev.clarion.store.jdbc;

/** The notification outbox contract on H2. */
class H2NotificationStoreTest extends NotificationStoreContract {
  @Override
  Database open() {
    return TestDatabases.h2();
  }
}
