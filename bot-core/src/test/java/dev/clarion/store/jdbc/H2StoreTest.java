package dev.clarion.store.jdbc;

/** The store contract on H2 (in memory, PostgreSQL mode) — the default database. */
class H2StoreTest extends StoreContract {
  @Override
  Database open() {
    return TestDatabases.h2();
  }
}
