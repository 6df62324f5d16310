package dev.clarion.store.jdbc;

/** The chat link contract on a real PostgreSQL. */
class PostgresChatLinkStoreIT extends ChatLinkStoreContract {
  @Override
  Database open() {
    return TestDatabases.postgres();
  }
}
