package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.raffinerie.api.v1alpha1.ArchivePolicy;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.History;
import io.raffinerie.api.v1alpha1.Parameter;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.model.Conditions;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.run.ArchiveConditions;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The run archive on a real PostgreSQL: a finished run is committed, then marked Archived; while the database is
 * down a run is kept in the cluster past its history limit and says why, and once it is back the run is archived and
 * only then pruned.
 */
@QuarkusTest
@ClusterIT
@TestProfile(ArchiveIT.ArchiveOn.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveIT {
    static final String NS = "archived";

    public static class ArchiveOn implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresResource.class));
        }
    }

    @Inject
    KubernetesClient client;

    JobControllerDouble controller;

    @BeforeAll
    void environmentAndJob() {
        controller = new JobControllerDouble(client);
        DataEnvironment environment = new DataEnvironment();
        environment.getMetadata().setName(NS);
        environment.setSpec(new DataEnvironmentSpec());
        client.resource(environment).serverSideApply();
        assertThat(Resources.awaitReady(client, client.resource(environment).get()).getStatus()).isEqualTo("True");
        DataJob job = new DataJob();
        job.getMetadata().setName("count");
        job.getMetadata().setNamespace(NS);
        job.setSpec(new DataJobSpec());
        job.getSpec().technology = "python";
        job.getSpec().script = "print('counted')";
        job.getSpec().parameters = List.of(new Parameter("DAY", "today"));
        job.getSpec().history = new History();
        job.getSpec().history.succeeded = 0; // every finished run leaves the cluster as soon as it may
        assertThat(Resources.awaitReady(client, client.resource(job).serverSideApply()).getStatus()).isEqualTo("True");
    }

    private DataRun succeeded(String name) {
        DataRun run = Resources.run(NS, name, "count", null);
        run.getSpec().parameters = Map.of("DAY", "2026-12-03");
        DataRun created = client.resource(run).create();
        controller.runToSuccess(NS, name);
        return created;
    }

    @Test
    void aFinishedRunIsCommittedWithItsStepsThenLeavesTheCluster() throws Exception {
        DataRun run = succeeded("count-1");

        Map<String, Object> row = await().atMost(Resources.TIMEOUT).until(() -> archivedRun(run.getMetadata().getUid()), r -> r != null);
        assertThat(row).containsEntry("namespace", NS).containsEntry("name", "count-1").containsEntry("environment", NS)
                .containsEntry("target_kind", "DataJob").containsEntry("target_name", "count")
                .containsEntry("phase", "Succeeded").containsEntry("trigger", "Manual");
        assertThat(row.get("parameters").toString()).isEqualTo("{\"DAY\": \"2026-12-03\"}");
        assertThat(row.get("status").toString()).contains("\"progress\": \"1/1\"");
        assertThat(archivedSteps(run.getMetadata().getUid())).singleElement().satisfies(step -> {
            assertThat(step).containsEntry("name", "count").containsEntry("phase", "Succeeded").containsEntry("exit_code", 0)
                    .containsEntry("job", "count-1");
        });
        await().atMost(Resources.TIMEOUT).untilAsserted(() -> assertThat(client.resource(run).get())
                .as("pruned by history.succeeded: 0 once archived").isNull());
        assertThat(RestAssured.get("/q/metrics").asString()).contains("raffinerie_archive_writes_total{outcome=\"written\"");
    }

    @Test
    void whileTheDatabaseIsDownARunIsKeptAndSaysWhyThenIsArchivedAndPrunedOnceItIsBack() throws Exception {
        PostgresResource.stopDatabase();
        DataRun run;
        try {
            run = succeeded("count-2");
            DataRun waiting = await().atMost(Duration.ofSeconds(60)).until(() -> client.resource(run).get(),
                    r -> r != null && r.getStatus() != null && r.getStatus().phase == RunPhase.Succeeded
                            && Conditions.find(r.getStatus().conditions, ArchiveConditions.ARCHIVED).isPresent());
            assertThat(Conditions.find(waiting.getStatus().conditions, ArchiveConditions.ARCHIVED)).hasValueSatisfying(c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getReason()).isEqualTo(Reasons.ARCHIVE_UNAVAILABLE);
                assertThat(c.getMessage()).startsWith("the archive could not be written, the run is kept in the cluster");
            });
            Thread.sleep(3_000); // several retries (retry-after 1 s) and history reconciliations
            assertThat(client.resource(run).get()).as("not pruned before it is archived").isNotNull();
            assertThat(RestAssured.get("/q/metrics").asString()).contains("raffinerie_archive_pending 1.0");
        } finally {
            PostgresResource.startDatabase();
        }
        await().atMost(Resources.TIMEOUT).until(() -> archivedRun(run.getMetadata().getUid()), r -> r != null);
        await().atMost(Resources.TIMEOUT).untilAsserted(() -> assertThat(client.resource(run).get()).isNull());
        assertThat(RestAssured.get("/q/metrics").asString()).contains("raffinerie_archive_pending 0.0");
    }

    @Test
    void anEnvironmentsRetentionDeletesItsOldRunsFromTheArchiveAndNoOneElses() throws Exception {
        String old = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        String elsewhere = UUID.randomUUID().toString();
        DataRun run = succeeded("count-3"); // the schema exists once a run is archived
        await().atMost(Resources.TIMEOUT).until(() -> archivedRun(run.getMetadata().getUid()), r -> r != null);
        insertRun(old, NS, Instant.now().minus(Duration.ofDays(3)));
        insertRun(recent, NS, Instant.now().minus(Duration.ofHours(2)));
        insertRun(elsewhere, "another-environment", Instant.now().minus(Duration.ofDays(30)));

        client.resources(DataEnvironment.class).withName(NS)
                .edit(environment -> {
                    environment.getSpec().archive = new ArchivePolicy();
                    environment.getSpec().archive.retentionDays = 1;
                    return environment;
                });

        await().atMost(Resources.TIMEOUT).until(() -> archivedRun(old) == null);
        assertThat(archivedRun(recent)).as("within the retention").isNotNull();
        assertThat(archivedRun(elsewhere)).as("another environment's").isNotNull();
        assertThat(archivedRun(run.getMetadata().getUid())).isNotNull();
    }

    private static void insertRun(String uid, String environment, Instant finished) throws Exception {
        try (Connection connection = PostgresResource.connect(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO runs (uid, namespace, name, environment, target_kind, target_name, phase, created_at, finished_at, status)
                VALUES (?::uuid, ?, ?, ?, 'DataJob', 'count', 'Succeeded', ?, ?, '{}'::jsonb)""")) {
            insert.setString(1, uid);
            insert.setString(2, environment);
            insert.setString(3, "old-" + uid.substring(0, 8));
            insert.setString(4, environment);
            insert.setObject(5, java.time.OffsetDateTime.ofInstant(finished.minusSeconds(60), java.time.ZoneOffset.UTC));
            insert.setObject(6, java.time.OffsetDateTime.ofInstant(finished, java.time.ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    private static Map<String, Object> archivedRun(String uid) throws Exception {
        List<Map<String, Object>> rows = query("SELECT * FROM runs WHERE uid = ?::uuid", uid);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static List<Map<String, Object>> archivedSteps(String uid) throws Exception {
        return query("SELECT * FROM steps WHERE run_uid = ?::uuid ORDER BY position", uid);
    }

    private static List<Map<String, Object>> query(String sql, String uid) throws Exception {
        try (Connection connection = PostgresResource.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, uid);
            try (ResultSet result = statement.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (result.next()) {
                    Map<String, Object> row = new java.util.HashMap<>();
                    for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                        row.put(result.getMetaData().getColumnName(i), result.getObject(i));
                    }
                    rows.add(row);
                }
                return rows;
            } catch (java.sql.SQLException e) {
                if ("42P01".equals(e.getSQLState())) {
                    return List.of(); // the schema is made before the first write
                }
                throw e;
            }
        }
    }
}
