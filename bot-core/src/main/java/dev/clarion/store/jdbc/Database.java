package dev.clarion.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.clarion.problem.Problem;
import dev.clarion.store.Transactions;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The database: a Hikari pool, Flyway migrations, and {@link Transactions} whose nested calls join
 * the thread's open transaction. Works on H2 (file or memory, PostgreSQL mode) and PostgreSQL.
 */
public final class Database implements Transactions, AutoCloseable {
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final boolean postgres;
  private final ThreadLocal<Handle> current = new ThreadLocal<>();

  private Database(HikariDataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
    this.postgres = dataSource.getJdbcUrl().startsWith("jdbc:postgresql:");
  }

  /** Connects, migrates the schema to the latest version, and returns the ready database. */
  public static Database open(String url, String user, String password, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("clarion");
    config.setAutoCommit(true);
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw Problem.of(Problem.Kind.UNAVAILABLE, "cannot open database " + redact(url) + ": " + rootMessage(e));
    }
    try {
      Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw Problem.of(Problem.Kind.UNAVAILABLE, "cannot migrate database " + redact(url) + ": " + rootMessage(e));
    }
    return new Database(dataSource);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public boolean isPostgres() {
    return postgres;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    if (current.get() != null) {
      return work.get();
    }
    return jdbi.inTransaction(
        handle -> {
          current.set(handle);
          try {
            return work.get();
          } finally {
            current.remove();
          }
        });
  }

  /** Runs on the thread's transaction if there is one, else on a short-lived auto-commit handle. */
  <T> T withHandle(Function<Handle, T> work) {
    Handle handle = current.get();
    if (handle != null) {
      return work.apply(handle);
    }
    return jdbi.withHandle(work::apply);
  }

  /** A cheap liveness check for /readyz. */
  public boolean isReachable() {
    try (var connection = dataSource.getConnection()) {
      return connection.isValid(2);
    } catch (java.sql.SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
