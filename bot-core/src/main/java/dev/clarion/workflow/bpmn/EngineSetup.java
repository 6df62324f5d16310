package dev.clarion.workflow.bpmn;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.history.AbstractHistoryLevel;
import org.operaton.bpm.engine.impl.history.HistoryLevel;
import org.operaton.bpm.engine.impl.history.event.HistoryEventType;
import org.operaton.bpm.engine.impl.history.event.HistoryEventTypes;
import org.operaton.bpm.engine.impl.jobexecutor.DefaultJobExecutor;

/**
 * Builds an Operaton engine on a DataSource with the settings measured in notes/bpmn-engine.md.
 * The defaults make timers seconds to a minute late; these make them sub-second.
 */
final class EngineSetup {
  /** How long a job stays locked by a node that died: the crash-recovery delay. */
  static final int LOCK_TIME_MILLIS = 15_000;

  static final int JOB_THREADS = 8;

  private EngineSetup() {}

  /**
   * Clarion's history level: only process instances (started, ended), which is all Clarion reads
   * (a START command asks whether the incident ever had an escalation). The engine's "audit" level
   * also writes every activity and variable change, about half of a timer step's statements.
   */
  static final HistoryLevel INSTANCES = new AbstractHistoryLevel() {
    @Override
    public int getId() {
      return 11;
    }

    @Override
    public String getName() {
      return "clarion-instances";
    }

    @Override
    public boolean isHistoryEventProduced(HistoryEventType type, Object entity) {
      return type == HistoryEventTypes.PROCESS_INSTANCE_START
          || type == HistoryEventTypes.PROCESS_INSTANCE_END
          || type == HistoryEventTypes.PROCESS_INSTANCE_UPDATE
          || type == HistoryEventTypes.PROCESS_INSTANCE_MIGRATE;
    }
  };

  static ProcessEngine build(DataSource dataSource, boolean runJobs, Map<Object, Object> beans) {
    return build(dataSource, runJobs, beans, historyLevel(dataSource));
  }

  /**
   * {@link #INSTANCES}, unless the database was created with another level (the engine refuses to
   * start on a mismatch), e.g. "audit" by Clarion before it had its own level.
   */
  static String historyLevel(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        var statement = c.createStatement();
        ResultSet rs = statement.executeQuery(
            "SELECT VALUE_ FROM ACT_GE_PROPERTY WHERE NAME_ = 'historyLevel'")) {
      if (rs.next()) {
        return switch (Integer.parseInt(rs.getString(1).strip())) {
          case 0 -> ProcessEngineConfiguration.HISTORY_NONE;
          case 1 -> ProcessEngineConfiguration.HISTORY_ACTIVITY;
          case 2 -> ProcessEngineConfiguration.HISTORY_AUDIT;
          case 3 -> ProcessEngineConfiguration.HISTORY_FULL;
          default -> INSTANCES.getName();
        };
      }
      return INSTANCES.getName();
    } catch (SQLException | NumberFormatException e) {
      return INSTANCES.getName(); // no engine tables yet
    }
  }

  /** @param history the engine's history level (the simulator keeps none) */
  static ProcessEngine build(
      DataSource dataSource, boolean runJobs, Map<Object, Object> beans, String history) {
    StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
    config.setProcessEngineName("clarion-" + UUID.randomUUID());
    config.setDataSource(dataSource);
    config.setDatabaseSchemaUpdate(schemaUpdate(dataSource));
    if (isH2InPostgresMode(dataSource)) {
      // Clarion's H2 runs in PostgreSQL mode, which rejects the engine's H2 DDL (BLOB); the
      // engine's PostgreSQL dialect runs on it instead (measured by the engine tests).
      config.setDatabaseType("postgres");
    }
    config.setCustomHistoryLevels(new java.util.ArrayList<>(java.util.List.of(INSTANCES)));
    config.setHistory(history);
    config.setHistoryTimeToLive(PolicyCompiler.HISTORY_TTL);
    config.setMetricsEnabled(false);
    config.setBeans(beans);
    config.setJobExecutorActivate(runJobs);
    config.setJobExecutorAcquireByDueDate(true);
    config.setJobExecutorPreferTimerJobs(true);
    config.setJobExecutorDeploymentAware(false);
    config.setJobExecutor(jobExecutor());
    ProcessEngine engine = ((ProcessEngineConfigurationImpl) config).buildProcessEngine();
    indexJobsByDueDate(dataSource);
    return engine;
  }

  /**
   * Acquiring by due date (as configured above) orders ACT_RU_JOB by DUEDATE_, which the engine's
   * own DDL does not index; with thousands of waiting timers every acquisition would sort them all.
   */
  private static void indexJobsByDueDate(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        var statement = c.createStatement()) {
      statement.execute(
          "CREATE INDEX IF NOT EXISTS clarion_idx_job_duedate ON ACT_RU_JOB (DUEDATE_)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot index the engine's jobs by due date", e);
    }
  }

  private static DefaultJobExecutor jobExecutor() {
    DefaultJobExecutor executor = new DefaultJobExecutor();
    executor.setWaitTimeInMillis(100);
    executor.setMaxWait(100);
    executor.setLockTimeInMillis(LOCK_TIME_MILLIS);
    executor.setMaxJobsPerAcquisition(50);
    executor.setCorePoolSize(JOB_THREADS);
    executor.setMaxPoolSize(JOB_THREADS);
    executor.setQueueSize(100);
    return executor;
  }

  private static boolean isH2InPostgresMode(DataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        var statement = c.createStatement()) {
      if (!c.getMetaData().getDatabaseProductName().equals("H2")) {
        return false;
      }
      try (ResultSet rs =
          statement.executeQuery(
              "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'MODE'")) {
        return rs.next() && rs.getString(1).equalsIgnoreCase("PostgreSQL");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot inspect the database", e);
    }
  }

  /**
   * "create" on an empty database, "false" once the engine's tables exist. The engine's own check
   * looks for upper-case table names, which H2 with DATABASE_TO_LOWER (Clarion's default) does not
   * report, so it would try to create them a second time.
   */
  private static String schemaUpdate(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      for (String name : new String[] {"act_ge_property", "ACT_GE_PROPERTY"}) {
        try (ResultSet rs = meta.getTables(null, null, name, null)) {
          if (rs.next()) {
            return ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE;
          }
        }
      }
      return ProcessEngineConfigurationImpl.DB_SCHEMA_UPDATE_CREATE;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot inspect the database for the engine's tables", e);
    }
  }
}
