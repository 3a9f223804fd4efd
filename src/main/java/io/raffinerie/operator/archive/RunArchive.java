package io.raffinerie.operator.archive;

import io.raffinerie.model.archive.ArchivedRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The archive's database: one transaction per run, the run's row replaced (its uid is the key) and its steps
 * rewritten, so that writing a run twice leaves it once. The schema is migrated before the first write rather than at
 * startup: the operator starts, and runs run, while the database is down.
 */
@ApplicationScoped
public class RunArchive {
    private static final String UPSERT_RUN = """
            INSERT INTO runs (uid, namespace, name, environment, target_kind, target_name, revision, phase, reason, message,
                trigger, retry_of, parameters, created_at, started_at, finished_at, status)
            VALUES (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb)
            ON CONFLICT (uid) DO UPDATE SET environment = EXCLUDED.environment, revision = EXCLUDED.revision,
                phase = EXCLUDED.phase, reason = EXCLUDED.reason, message = EXCLUDED.message, trigger = EXCLUDED.trigger,
                retry_of = EXCLUDED.retry_of, parameters = EXCLUDED.parameters, started_at = EXCLUDED.started_at,
                finished_at = EXCLUDED.finished_at, status = EXCLUDED.status, archived_at = now()
            """;
    private static final String INSERT_STEP = """
            INSERT INTO steps (run_uid, position, name, phase, job, attempts, exit_code, reason, message, started_at,
                finished_at, revision, technology, version, image, results)
            VALUES (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            """;

    private final Instance<DataSource> dataSource;
    private final Instance<Flyway> flyway;
    private volatile boolean migrated;

    RunArchive(Instance<DataSource> dataSource, Instance<Flyway> flyway) {
        this.dataSource = dataSource;
        this.flyway = flyway;
    }

    /** Commits the run and its steps; throws when the database cannot be reached or refuses. */
    public void write(ArchivedRun run) throws SQLException {
        migrate();
        try (Connection connection = dataSource.get().getConnection()) {
            connection.setAutoCommit(false);
            try {
                upsertRun(connection, run);
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM steps WHERE run_uid = ?::uuid")) {
                    delete.setString(1, run.uid());
                    delete.executeUpdate();
                }
                insertSteps(connection, run);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** Deletes the environment's runs (and their steps) that finished before {@code cutoff}; returns how many. */
    public int deleteFinishedBefore(String environment, Instant cutoff) throws SQLException {
        migrate();
        try (Connection connection = dataSource.get().getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM runs WHERE environment = ? AND finished_at < ?")) {
            delete.setString(1, environment);
            setInstant(delete, 2, cutoff);
            return delete.executeUpdate();
        }
    }

    private void migrate() {
        if (!migrated) {
            synchronized (this) {
                if (!migrated) {
                    flyway.get().migrate();
                    migrated = true;
                }
            }
        }
    }

    private static void upsertRun(Connection connection, ArchivedRun run) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(UPSERT_RUN)) {
            int i = 0;
            insert.setString(++i, run.uid());
            insert.setString(++i, run.namespace());
            insert.setString(++i, run.name());
            insert.setString(++i, run.environment());
            insert.setString(++i, run.targetKind());
            insert.setString(++i, run.targetName());
            insert.setObject(++i, run.revision(), Types.BIGINT);
            insert.setString(++i, run.phase());
            insert.setString(++i, run.reason());
            insert.setString(++i, run.message());
            insert.setString(++i, run.trigger());
            insert.setString(++i, run.retryOf());
            insert.setString(++i, run.parametersJson());
            setInstant(insert, ++i, run.createdAt());
            setInstant(insert, ++i, run.startedAt());
            setInstant(insert, ++i, run.finishedAt());
            insert.setString(++i, run.statusJson());
            insert.executeUpdate();
        }
    }

    private static void insertSteps(Connection connection, ArchivedRun run) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_STEP)) {
            for (ArchivedRun.ArchivedStep step : run.steps()) {
                int i = 0;
                insert.setString(++i, run.uid());
                insert.setInt(++i, step.position());
                insert.setString(++i, step.name());
                insert.setString(++i, step.phase());
                insert.setString(++i, step.job());
                insert.setObject(++i, step.attempts(), Types.INTEGER);
                insert.setObject(++i, step.exitCode(), Types.INTEGER);
                insert.setString(++i, step.reason());
                insert.setString(++i, step.message());
                setInstant(insert, ++i, step.startedAt());
                setInstant(insert, ++i, step.finishedAt());
                insert.setObject(++i, step.revision(), Types.BIGINT);
                insert.setString(++i, step.technology());
                insert.setString(++i, step.version());
                insert.setString(++i, step.image());
                insert.setString(++i, step.resultsJson());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }
}
