package io.raffinerie.e2e.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.raffinerie.e2e.harness.ExecResult;
import io.raffinerie.e2e.harness.E2eExtension;
import io.raffinerie.e2e.harness.Sim;
import io.raffinerie.e2e.harness.TestNamespace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Job pods simulated by the KWOK stages of e2e/cluster/stages.yaml, driven by the raffinerie.io/sim-* annotations. */
@ExtendWith(E2eExtension.class)
class JobsIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);

    @Test
    void plainJobRunsToComplete(TestNamespace ns) {
        ns.client().resource(Sim.job("plain", Map.of())).inNamespace(ns.name()).create();

        Job job = awaitCondition(ns, "plain", "Complete");
        assertThat(job.getStatus().getSucceeded()).isEqualTo(1);
        assertThat(job.getStatus().getFailed()).isNull();

        Pod pod = onlyPod(ns, "plain");
        assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
        ContainerStateTerminated terminated = pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
        assertThat(terminated.getExitCode()).isZero();
        assertThat(terminated.getReason()).isEqualTo("Completed");

        // Without raffinerie.io/sim-log the pod has an empty log, not an error.
        ExecResult logs = ns.kubectl("logs", pod.getMetadata().getName()).assertOk();
        assertThat(logs.stdout()).isEmpty();
    }

    @Test
    void exitCodeAnnotationFailsTheJob(TestNamespace ns) {
        ns.client().resource(Sim.job("fails", Sim.annotations().exitCode(3).terminationMessage("boom").build()))
                .inNamespace(ns.name()).create();

        Job job = awaitCondition(ns, "fails", "Failed");
        assertThat(job.getStatus().getFailed()).isEqualTo(1);
        assertThat(job.getStatus().getSucceeded()).isNull();
        assertThat(job.getStatus().getConditions())
                .noneSatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Complete=True"));

        Pod pod = onlyPod(ns, "fails");
        assertThat(pod.getStatus().getPhase()).isEqualTo("Failed");
        ContainerStateTerminated terminated = pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
        assertThat(terminated.getExitCode()).isEqualTo(3);
        assertThat(terminated.getReason()).isEqualTo("Error");
        assertThat(terminated.getMessage()).isEqualTo("boom");
    }

    @Test
    void durationAnnotationKeepsThePodRunning(TestNamespace ns) {
        ns.client().resource(Sim.job("sleeps", Sim.annotations().duration(Duration.ofSeconds(2)).build()))
                .inNamespace(ns.name()).create();

        // Running first: the Job counts an active pod while its pod is Running.
        await("Job sleeps running").atMost(TIMEOUT).pollInterval(POLL).until(() -> {
            Job job = job(ns, "sleeps");
            List<Pod> pods = pods(ns, "sleeps");
            return job != null && job.getStatus() != null && Integer.valueOf(1).equals(job.getStatus().getActive())
                    && pods.size() == 1 && "Running".equals(pods.get(0).getStatus().getPhase());
        });

        Job job = awaitCondition(ns, "sleeps", "Complete");
        Instant start = Instant.parse(job.getStatus().getStartTime());
        Instant completion = Instant.parse(job.getStatus().getCompletionTime());
        assertThat(Duration.between(start, completion)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));

        ContainerStateTerminated terminated = onlyPod(ns, "sleeps").getStatus().getContainerStatuses().get(0)
                .getState().getTerminated();
        assertThat(Duration.between(Instant.parse(terminated.getStartedAt()), Instant.parse(terminated.getFinishedAt())))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void kubectlLogsPrintsTheChosenLog(TestNamespace ns) {
        String log = "hello from raffinerie\nsecond line: 42 rows\n";
        ns.client().resource(Sim.job("talks", Sim.annotations().log(log).build())).inNamespace(ns.name()).create();
        awaitCondition(ns, "talks", "Complete");
        String pod = onlyPod(ns, "talks").getMetadata().getName();

        await("kubectl logs " + pod).atMost(TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> ns.kubectl("logs", pod).stdout(), log::equals);
        assertThat(ns.kubectl("logs", "job/talks").assertOk().stdout()).isEqualTo(log);
        assertThat(ns.kubectl("logs", pod, "--tail=1").assertOk().stdout()).isEqualTo("second line: 42 rows\n");
    }

    @Test
    void startDelayKeepsThePodPending(TestNamespace ns) {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName("late")
                .addToAnnotations(Sim.annotations().startDelay(Duration.ofSeconds(2)).build())
                .endMetadata()
                .withSpec(Sim.restrictedPodSpec("Never"))
                .build();
        ns.client().resource(pod).inNamespace(ns.name()).create();

        await("pod late succeeded").atMost(TIMEOUT).pollInterval(POLL)
                .until(() -> phase(ns, "late"), "Succeeded"::equals);
        Pod done = ns.client().pods().inNamespace(ns.name()).withName("late").get();
        Instant created = Instant.parse(done.getMetadata().getCreationTimestamp());
        Instant started = Instant.parse(done.getStatus().getStartTime());
        assertThat(Duration.between(created, started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void longRunningPodsStayRunningAndCanBeDeleted(TestNamespace ns) {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName("server").endMetadata()
                .withSpec(Sim.restrictedPodSpec("Always"))
                .build();
        ns.client().resource(pod).inNamespace(ns.name()).create();
        await("pod server running").atMost(TIMEOUT).pollInterval(POLL)
                .until(() -> phase(ns, "server"), "Running"::equals);

        // restartPolicy Always: never completes on its own.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> phase(ns, "server"), "Running"::equals);

        ns.client().pods().inNamespace(ns.name()).withName("server").delete();
        await("pod server removed").atMost(Duration.ofSeconds(30)).pollInterval(POLL)
                .until(() -> ns.client().pods().inNamespace(ns.name()).withName("server").get() == null);
    }

    private static Job job(TestNamespace ns, String name) {
        return ns.client().batch().v1().jobs().inNamespace(ns.name()).withName(name).get();
    }

    private static List<Pod> pods(TestNamespace ns, String job) {
        return ns.client().pods().inNamespace(ns.name()).withLabel("batch.kubernetes.io/job-name", job).list().getItems();
    }

    private static Pod onlyPod(TestNamespace ns, String job) {
        List<Pod> pods = pods(ns, job);
        assertThat(pods).as("pods of job %s", job).hasSize(1);
        return pods.get(0);
    }

    private static String phase(TestNamespace ns, String pod) {
        Pod current = ns.client().pods().inNamespace(ns.name()).withName(pod).get();
        return current == null || current.getStatus() == null ? null : current.getStatus().getPhase();
    }

    /** Waits until the Job has the condition {@code type} with status True, and returns it. */
    static Job awaitCondition(TestNamespace ns, String name, String type) {
        return await("Job " + name + " " + type).atMost(TIMEOUT).pollInterval(POLL)
                .until(() -> job(ns, name), job -> job != null && job.getStatus() != null
                        && job.getStatus().getConditions() != null
                        && job.getStatus().getConditions().stream()
                                .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus())));
    }
}
