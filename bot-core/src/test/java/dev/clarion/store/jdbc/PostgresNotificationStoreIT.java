package dev.clarion.store.jdbc;

/** The notification outbox contract on a real PostgreSQL. */
class PostgresNotificationStoreIT extends NotificationStoreContract {
  @Override
  Database open() {
    return TestDatabases.postgres();
  }
}
