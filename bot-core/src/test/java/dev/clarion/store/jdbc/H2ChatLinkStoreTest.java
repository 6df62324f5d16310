package dev.clarion.store.jdbc;

/** The chat link contract on H2. */
class H2ChatLinkStoreTest extends ChatLinkStoreContract {
  @Override
  Database open() {
    return TestDatabases.h2();
  }
}
