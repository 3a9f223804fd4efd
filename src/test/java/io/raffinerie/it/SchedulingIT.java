package io.raffinerie.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.Schedule;
import io.raffinerie.api.v1alpha1.Scheduling;
import io.raffinerie.model.job.CronJobs;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An environment's scheduling places the pods of all its runs, scheduled or not, and follows its edits. */
@QuarkusTest
@ClusterIT
class SchedulingIT {
    static final String NS = "pinned";

    @Inject
    KubernetesClient client;

    private DataEnvironment environment(Scheduling scheduling) {
        DataEnvironment environment = new DataEnvironment();
        environment.getMetadata().setName(NS);
        environment.setSpec(new DataEnvironmentSpec());
        environment.getSpec().scheduling = scheduling;
        return client.resource(environment).serverSideApply();
    }

    @Test
    void everyPodOfTheEnvironmentsRunsGoesWhereItsSchedulingSays() {
        Scheduling scheduling = new Scheduling();
        scheduling.nodeSelector = Map.of("raffinerie.io/node", "real");
        scheduling.tolerations = List.of(new TolerationBuilder().withKey("raffinerie.io/real-node").withOperator("Equal")
                .withValue("true").withEffect("NoSchedule").build());
        scheduling.priorityClassName = "data-batch";
        DataEnvironment environment = environment(scheduling);
        assertThat(Resources.awaitReady(client, environment).getStatus()).isEqualTo("True");
        DataJob job = Resources.bashJob(NS, "nightly");
        job.getSpec().schedule = new Schedule();
        job.getSpec().schedule.cron = "0 3 * * *";
        client.resource(job).serverSideApply();
        client.resource(Resources.run(NS, "nightly-1", "nightly", null)).create();

        PodSpec run = new JobControllerDouble(client).awaitJob(NS, "nightly-1").getSpec().getTemplate().getSpec();
        assertThat(run.getNodeSelector()).containsExactly(Map.entry("raffinerie.io/node", "real"));
        assertThat(run.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("raffinerie.io/real-node"));
        assertThat(run.getPriorityClassName()).isEqualTo("data-batch");
        CronJob cronJob = await().atMost(Resources.TIMEOUT).until(() -> client.batch().v1().cronjobs().inNamespace(NS)
                .withName(CronJobs.name(job)).get(), c -> c != null);
        assertThat(cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getNodeSelector())
                .containsEntry("raffinerie.io/node", "real");

        Scheduling moved = new Scheduling();
        moved.nodeSelector = Map.of("raffinerie.io/pool", "batch");
        environment(moved);
        await().atMost(Resources.TIMEOUT).until(() -> client.batch().v1().cronjobs().inNamespace(NS).withName(CronJobs.name(job)).get()
                .getSpec().getJobTemplate().getSpec().getTemplate().getSpec(), pod -> Map.of("raffinerie.io/pool", "batch")
                        .equals(pod.getNodeSelector()) && (pod.getTolerations() == null || pod.getTolerations().isEmpty()));
    }
}
