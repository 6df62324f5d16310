package dev.clarion.store.jdbc;

/** The override and maintenance store contract on a real PostgreSQL. */
class ScheduleMaintenancePostgresStoreIT extends ScheduleMaintenanceStoreContract {
  @Override
  Database open() {
    return TestDatabases.postgres();
  }
}
