package io.raffinerie.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.raffinerie.e2e.harness.E2eExtension;
import io.raffinerie.e2e.harness.Sim;
import io.raffinerie.e2e.harness.TestNamespace;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The CronJob controller of the kube-controller-manager runs: a CronJob every minute spawns a Job that completes. */
@ExtendWith(E2eExtension.class)
class CronJobIT {

    @Test
    void everyMinuteCronJobSpawnsACompletingJob(TestNamespace ns) {
        Job template = Sim.job("unused", Sim.annotations().log("tick\n").build());
        CronJob cronJob = new CronJobBuilder()
                .withNewMetadata().withName("every-minute").endMetadata()
                .withNewSpec()
                .withSchedule("* * * * *")
                .withConcurrencyPolicy("Forbid")
                .withNewJobTemplate()
                .withSpec(template.getSpec())
                .endJobTemplate()
                .endSpec()
                .build();
        ns.client().resource(cronJob).inNamespace(ns.name()).create();

        // The next minute starts within 60 s; the controller syncs every 10 s. Generous on a loaded machine.
        List<Job> jobs = await("a Job of CronJob every-minute").atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> ns.client().batch().v1().jobs().inNamespace(ns.name()).list().getItems().stream()
                        .filter(job -> job.getMetadata().getOwnerReferences().stream()
                                .anyMatch(owner -> "CronJob".equals(owner.getKind()) && "every-minute".equals(owner.getName())))
                        .toList(), found -> !found.isEmpty());
        String jobName = jobs.get(0).getMetadata().getName();
        assertThat(jobName).startsWith("every-minute-");

        JobsIT.awaitCondition(ns, jobName, "Complete");
        await("CronJob status").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> ns.client().batch().v1().cronjobs().inNamespace(ns.name()).withName("every-minute").get(),
                        current -> current.getStatus() != null && current.getStatus().getLastScheduleTime() != null
                                && current.getStatus().getLastSuccessfulTime() != null);
    }
}
