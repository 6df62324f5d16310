package dev.clarion.store.jdbc;

/** The override and maintenance store contract on H2, the default database. */
class ScheduleMaintenanceH2StoreTest extends ScheduleMaintenanceStoreContract {
  @Override
  Database open() {
    return TestDatabases.h2();
  }
}
