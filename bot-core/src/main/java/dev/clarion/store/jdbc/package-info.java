/**
 * JDBC adapters for every domain store port (JDBI 3 + Flyway), one schema for H2 and PostgreSQL.
 * {@link dev.clarion.store.jdbc.Database} owns the pool, the migrations and the per-thread
 * transaction that nested calls join.
 */
package dev.clarion.store.jdbc;
