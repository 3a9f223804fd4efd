package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.operator.common.ApiWriteCounter;
import io.raffinerie.operator.common.OperatorSettings;
import io.raffinerie.operator.job.SparkImagesPublisher;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Over converged resources the operator writes nothing: at a restart, and when a run is reconciled again. */
@QuarkusTest
@ClusterIT
class ConvergedWritesIT {
    static final String NS = "converged";

    @Inject
    KubernetesClient client;

    @Inject
    ApiWriteCounter writes;

    @Inject
    PrometheusMeterRegistry registry;

    @Inject
    SparkImagesPublisher sparkImages;

    @Inject
    OperatorSettings settings;

    @Test
    void publishingTheSameSparkImagesAgainWritesNothing() {
        Resources.createNamespace(client, settings.operatorNamespace());
        List<String> images = List.of("registry.example/spark:4.0.1");
        sparkImages.publish(() -> images);
        assertThat(client.configMaps().inNamespace(settings.operatorNamespace()).withName(SparkImagesPublisher.CONFIG_MAP).get())
                .as("published").isNotNull();
        long before = writes.total();

        new SparkImagesPublisher(client, settings).publish(() -> images); // what a restart does: a new process

        assertThat(writes.total() - before).as("writes of a restart with the same catalog").isZero();
    }

    @Test
    void runningRunMakesNoWriteWhenReconciledAgain() {
        Resources.readyEnvironment(client, NS);
        DataJob job = client.resource(Resources.bashJob(NS, "quiet")).serverSideApply();
        Resources.awaitReady(client, job);
        client.resource(Resources.run(NS, "quiet-1", "quiet", null)).create();
        JobControllerDouble controller = new JobControllerDouble(client);
        Job created = controller.awaitJob(NS, "quiet-1");
        controller.startAttempt(created, 1);
        Resources.awaitRun(client, NS, "quiet-1", r -> r.getStatus().phase == RunPhase.Running);
        double reconciles = reconciliations();
        long before = writes.total();

        // A change to its DataJob the run does not care about makes it reconcile; a person makes it, with a client of
        // their own (the injected one is the operator's, whose writes are counted).
        try (KubernetesClient person = KubeApiServerResource.client()) {
            person.resources(DataJob.class).inNamespace(NS).withName("quiet").edit(j -> {
                j.getMetadata().setAnnotations(new HashMap<>(j.getMetadata().getAnnotations() == null ? java.util.Map.of()
                        : j.getMetadata().getAnnotations()));
                j.getMetadata().getAnnotations().put("note", "touched by a person");
                return j;
            });
        }
        await().atMost(Resources.TIMEOUT).until(() -> reconciliations() > reconciles);

        assertThat(writes.total() - before).as("writes while converged").isZero();
        assertThat(client.resources(DataRun.class).inNamespace(NS).withName("quiet-1").get().getStatus().phase)
                .isEqualTo(RunPhase.Running);
    }

    private double reconciliations() {
        return Resources.reconciliations(registry, "datarun");
    }
}
