package io.raffinerie.model.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import org.junit.jupiter.api.Test;

class StepSignalsTest {
    private static Job running() {
        return new JobBuilder().withNewMetadata().withName("r").addToFinalizers("batch.kubernetes.io/job-tracking").endMetadata()
                .withNewSpec().withSuspend(false).endSpec()
                .withNewStatus().withActive(1).withReady(0).withStartTime("2026-12-02T10:00:00Z").endStatus().build();
    }

    private static Pod pod() {
        return new PodBuilder().withNewMetadata().withName("r-1").endMetadata().withNewStatus().withPhase("Pending")
                .addNewContainerStatus().withName("main").withNewState().withNewWaiting().withReason("ContainerCreating")
                .endWaiting().endState().endContainerStatus().endStatus().build();
    }

    @Test
    void jobUpdatesThatCannotChangeTheStepAreIgnored() {
        Job ready = running();
        ready.getStatus().setReady(1);
        ready.getMetadata().setFinalizers(null);
        ready.getMetadata().setResourceVersion("2");
        assertThat(StepSignals.jobChanged(ready, running())).isFalse();
    }

    @Test
    void jobUpdatesThatChangeTheStepPass() {
        Job complete = running();
        complete.getStatus().setActive(0);
        complete.getStatus().setSucceeded(1);
        complete.getStatus().setCompletionTime("2026-12-02T10:00:05Z");
        complete.getStatus().setConditions(java.util.List.of(new io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder()
                .withType("Complete").withStatus("True").build()));
        assertThat(StepSignals.jobChanged(complete, running())).isTrue();

        Job suspended = running();
        suspended.getSpec().setSuspend(true);
        assertThat(StepSignals.jobChanged(suspended, running())).as("a cancel's suspend").isTrue();

        Job retried = running();
        retried.getStatus().setFailed(1);
        assertThat(StepSignals.jobChanged(retried, running())).as("an attempt failed").isTrue();
    }

    @Test
    void podUpdatesThatCannotChangeTheStepAreIgnored() {
        Pod started = pod();
        started.getStatus().setPhase("Running");
        started.getStatus().getContainerStatuses().get(0).getState().setWaiting(null);
        started.getStatus().getContainerStatuses().get(0).getState().setRunning(
                new io.fabric8.kubernetes.api.model.ContainerStateRunningBuilder().withStartedAt("2026-12-02T10:00:01Z").build());
        assertThat(StepSignals.podChanged(started, pod())).isFalse();
    }

    @Test
    void podUpdatesThatChangeTheStepPass() {
        Pod stuck = pod();
        stuck.getStatus().getContainerStatuses().get(0).getState().getWaiting().setReason("ImagePullBackOff");
        assertThat(StepSignals.podChanged(stuck, pod())).as("a stuck image is shown on the step").isTrue();

        Pod ended = pod();
        ended.getStatus().getContainerStatuses().get(0).getState().setWaiting(null);
        ended.getStatus().getContainerStatuses().get(0).getState().setTerminated(
                new io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder().withExitCode(3).withReason("Error").build());
        assertThat(StepSignals.podChanged(ended, pod())).isTrue();
    }

    @Test
    void aSparkDriverThatEndsPassesForItsExitCodeDecidesTheStep() {
        Pod driver = pod();
        driver.getStatus().getContainerStatuses().get(0).setName("spark-kubernetes-driver");
        Pod ended = pod();
        ended.getStatus().getContainerStatuses().get(0).setName("spark-kubernetes-driver");
        ended.getStatus().getContainerStatuses().get(0).getState().setWaiting(null);
        ended.getStatus().getContainerStatuses().get(0).getState().setTerminated(
                new io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder().withExitCode(1).withReason("Error").build());
        assertThat(StepSignals.podChanged(ended, driver)).isTrue();
    }
}
