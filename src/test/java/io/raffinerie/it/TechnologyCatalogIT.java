package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataTechnology;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.TechnologyLaunch;
import io.raffinerie.api.v1alpha1.TechnologyLifecycle;
import io.raffinerie.api.v1alpha1.VersionUsage;
import io.raffinerie.model.Conditions;
import io.raffinerie.model.job.ShippedCatalog;
import io.raffinerie.operator.job.SparkImagesPublisher;
import jakarta.inject.Inject;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The catalog as DataTechnology objects, against the real API server: a change reaches the jobs that use it through
 * events, a deletion is reported on them, the technology counts its jobs, runs record what they ran, and the Spark
 * images the pod policy admits follow the catalog.
 */
@QuarkusTest
@ClusterIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TechnologyCatalogIT {
    static final String NS = "catalog";

    @Inject
    KubernetesClient client;

    JobControllerDouble controller;

    @BeforeAll
    void environment() {
        controller = new JobControllerDouble(client);
        Resources.readyEnvironment(client, NS);
        Resources.createNamespace(client, "raffinerie-system");
    }

    @Test
    void aNewTechnologyRunsAndTheRunRecordsTechnologyVersionAndImage() {
        DataTechnology dbt = ShippedCatalog.technology("dbt", TechnologyLaunch.Command, "1.9=registry.example.com/dbt:1.9.1",
                "1.8=registry.example.com/dbt:1.8.9");
        client.resource(dbt).serverSideApply();
        DataJob job = job("transform", "dbt", "1.8");
        assertThat(Resources.awaitReady(client, job).getStatus()).isEqualTo("True");
        DataRun run = client.resource(Resources.run(NS, "transform-1", "transform", null)).create();
        controller.runToSuccess(NS, "transform-1");
        DataRun done = Resources.awaitRun(client, NS, "transform-1", r -> r.getStatus().phase == RunPhase.Succeeded);
        assertThat(done.getStatus().steps).singleElement().satisfies(step -> {
            assertThat(step.technology).isEqualTo("dbt");
            assertThat(step.version).isEqualTo("1.8");
            assertThat(step.image).isEqualTo("registry.example.com/dbt:1.8.9");
        });
        assertThat(run).isNotNull();
        DataTechnology counted = await().atMost(Resources.TIMEOUT).until(() -> client.resource(dbt).get(),
                t -> t.getStatus() != null && Integer.valueOf(1).equals(t.getStatus().jobs));
        assertThat(counted.getStatus().versions).containsExactly(new VersionUsage("1.9", 0), new VersionUsage("1.8", 1));
    }

    @Test
    void deprecatingThenDisablingAVersionReachesTheJobWithoutARestart() {
        DataTechnology legacy = ShippedCatalog.technology("legacy", TechnologyLaunch.Command, "2=registry.example.com/legacy:2.0",
                "1=registry.example.com/legacy:1.0");
        client.resource(legacy).serverSideApply();
        DataJob job = job("old-load", "legacy", "1");
        assertThat(Resources.awaitReady(client, job).getStatus()).isEqualTo("True");

        legacy.getSpec().versions.get(1).lifecycle = TechnologyLifecycle.Deprecated;
        legacy.getSpec().versions.get(1).message = "move to 2 before March";
        client.resource(legacy).serverSideApply();
        DataJob deprecated = awaitJob(job, j -> Conditions.isTrue(j.getStatus().conditions, "Deprecated"));
        assertThat(Conditions.find(deprecated.getStatus().conditions, "Deprecated")).hasValueSatisfying(c ->
                assertThat(c.getMessage()).isEqualTo("legacy 1 is deprecated: move to 2 before March"));
        assertThat(Conditions.isTrue(deprecated.getStatus().conditions, Conditions.READY)).isTrue();

        legacy.getSpec().versions.get(1).lifecycle = TechnologyLifecycle.Disabled;
        client.resource(legacy).serverSideApply();
        Condition ready = readyOf(awaitJob(job, j -> !Conditions.isTrue(j.getStatus().conditions, Conditions.READY)));
        assertThat(ready.getReason()).isEqualTo("VersionDisabled");
        assertThat(ready.getMessage()).isEqualTo("spec.version: legacy 1 is disabled in the technology catalog:"
                + " move to 2 before March; valid versions: 2");
    }

    @Test
    void deletingATechnologyJobsUseIsReportedOnThoseJobs() {
        DataTechnology going = ShippedCatalog.technology("going", TechnologyLaunch.Command, "1=registry.example.com/going:1.0");
        client.resource(going).serverSideApply();
        DataJob job = job("uses-going", "going", null);
        assertThat(Resources.awaitReady(client, job).getStatus()).isEqualTo("True");
        client.resource(going).delete();
        Condition ready = readyOf(awaitJob(job, j -> !Conditions.isTrue(j.getStatus().conditions, Conditions.READY)));
        assertThat(ready.getReason()).isEqualTo("UnknownTechnology");
        assertThat(ready.getMessage()).startsWith("spec.technology: \"going\" is not in the technology catalog;")
                .contains("bash, container").contains("python, spark");
    }

    @Test
    void theSparkImagesThePodPolicyAdmitsFollowTheCatalog() {
        DataTechnology spark2 = ShippedCatalog.technology("spark-mirror", TechnologyLaunch.SparkSubmit,
                "3.5=registry.example.com/spark:3.5.3");
        client.resource(spark2).serverSideApply();
        await().atMost(Resources.TIMEOUT).until(this::sparkImages, images -> images.contains("registry.example.com/spark:3.5.3")
                && images.contains("apache/spark:3.5.3"));
        client.resource(spark2).delete();
        await().atMost(Resources.TIMEOUT).until(this::sparkImages, images -> !images.contains("registry.example.com/spark:3.5.3"));
        assertThat(sparkImages()).isEqualTo("apache/spark:3.5.3,apache/spark:4.0.0,apache/spark:4.3.0");
    }

    private String sparkImages() {
        ConfigMap images = client.configMaps().inNamespace("raffinerie-system").withName(SparkImagesPublisher.CONFIG_MAP).get();
        return images == null || images.getData() == null ? "" : images.getData().getOrDefault("images", "");
    }

    private DataJob job(String name, String technology, String version) {
        DataJob job = new DataJob();
        job.getMetadata().setName(name);
        job.getMetadata().setNamespace(NS);
        job.setSpec(new io.raffinerie.api.v1alpha1.DataJobSpec());
        job.getSpec().technology = technology;
        job.getSpec().version = version;
        job.getSpec().command = List.of("run");
        return client.resource(job).serverSideApply();
    }

    private DataJob awaitJob(DataJob job, Predicate<DataJob> condition) {
        return await().atMost(Resources.TIMEOUT).until(() -> client.resource(job).get(),
                j -> j.getStatus() != null && condition.test(j));
    }

    private static Condition readyOf(DataJob job) {
        return Conditions.find(job.getStatus().conditions, Conditions.READY).orElseThrow();
    }
}
