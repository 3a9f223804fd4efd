package io.raffinerie.model.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.Reasons;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 22: a Spark step's status comes from its driver and executor pods, and its driver's exit code decides. */
class SparkStepsTest {
    private static Pod driver(Integer exitCode) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName("pi-abc-driver").withCreationTimestamp("2026-12-03T10:00:00Z")
                .addToLabels("spark-role", "driver").addToLabels("spark-app-selector", "spark-4f2a").endMetadata();
        if (exitCode != null) {
            pod.withNewStatus().addNewContainerStatus().withName("spark-kubernetes-driver").withNewState().withNewTerminated()
                    .withExitCode(exitCode).endTerminated().endState().endContainerStatus().endStatus();
        }
        return pod.build();
    }

    private static Pod executor(int id) {
        return new PodBuilder().withNewMetadata().withName("pi-abc-exec-" + id).addToLabels("spark-role", "executor")
                .addToLabels("spark-exec-id", String.valueOf(id)).endMetadata().build();
    }

    private static StepStatus step(StepPhase phase) {
        StepStatus step = new StepStatus();
        step.name = "pi";
        step.job = "pi-x7k2p";
        step.phase = phase;
        return step;
    }

    @Test
    void theApplicationAndTheExecutorsThatRanAreKeptOnceTheirPodsAreGone() {
        StepStatus running = SparkSteps.apply(step(StepPhase.Running), null, List.of(driver(null), executor(1), executor(2)));
        assertThat(running.spark.applicationId).isEqualTo("spark-4f2a");
        assertThat(running.spark.driver).isEqualTo("pi-abc-driver");
        assertThat(running.spark.executors).isEqualTo(2);
        StepStatus oneLeft = SparkSteps.apply(step(StepPhase.Running), running, List.of(driver(null), executor(2)));
        assertThat(oneLeft.spark.executors).as("the highest id seen").isEqualTo(2);
        StepStatus gone = SparkSteps.apply(step(StepPhase.Succeeded), oneLeft, List.of());
        assertThat(gone.spark.applicationId).isEqualTo("spark-4f2a");
        assertThat(gone.spark.executors).isEqualTo(2);
        assertThat(gone.phase).isEqualTo(StepPhase.Succeeded);
        assertThat(SparkSteps.apply(step(StepPhase.Succeeded), null, List.of()).spark).as("not a Spark step").isNull();
    }

    @Test
    void aDriverThatFailedFailsTheStepThatSparkSubmitEndedWellAndTheVerdictOutlivesThePod() {
        StepStatus failed = SparkSteps.apply(step(StepPhase.Succeeded), null, List.of(driver(1)));
        assertThat(failed.phase).isEqualTo(StepPhase.Failed);
        assertThat(failed.reason).isEqualTo(Reasons.SPARK_DRIVER_FAILED);
        assertThat(failed.exitCode).isEqualTo(1);
        assertThat(failed.message).isEqualTo("the Spark driver pi-abc-driver ended with exit code 1 (spark-submit itself ended well)");
        assertThat(SparkSteps.apply(step(StepPhase.Succeeded), failed, List.of()).phase).isEqualTo(StepPhase.Failed);
        assertThat(SparkSteps.apply(step(StepPhase.Succeeded), null, List.of(driver(0))).phase).isEqualTo(StepPhase.Succeeded);
    }

    @Test
    void podsAreLeftBehindOnlyOnceTheStepEndedAndUntilTheirDeletionStarted() {
        assertThat(SparkSteps.leftBehind(step(StepPhase.Running), List.of(driver(null)))).isFalse();
        assertThat(SparkSteps.leftBehind(step(StepPhase.Cancelled), List.of(driver(null), executor(1)))).isTrue();
        Pod deleting = new PodBuilder(driver(null)).editMetadata().withDeletionTimestamp("2026-12-03T10:05:00Z").endMetadata().build();
        assertThat(SparkSteps.leftBehind(step(StepPhase.Failed), List.of(deleting))).isFalse();
        assertThat(SparkSteps.leftBehind(step(StepPhase.Succeeded), List.of())).isFalse();
    }
}
