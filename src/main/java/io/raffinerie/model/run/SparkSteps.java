package io.raffinerie.model.run;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.raffinerie.api.v1alpha1.SparkStepStatus;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.job.SparkPodTemplates;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Spark step as its driver and executor pods show it: the application, the executors that ran and how the driver
 * ended. spark-submit (the step's Job) ends well even when its driver fails, so the driver's exit code decides.
 */
public final class SparkSteps {
    /** Labels Spark puts on its pods. */
    public static final String ROLE = "spark-role";
    public static final String APPLICATION = "spark-app-selector";
    public static final String EXECUTOR_ID = "spark-exec-id";

    private SparkSteps() {
    }

    /** The step with what its Spark pods add; {@code previous} keeps what pods already deleted showed. */
    public static StepStatus apply(StepStatus step, StepStatus previous, List<Pod> sparkPods) {
        SparkStepStatus spark = observe(previous == null ? null : previous.spark, sparkPods);
        if (spark == null) {
            return step;
        }
        step.spark = spark;
        if (step.phase == StepPhase.Succeeded && spark.driverExitCode != null && spark.driverExitCode != 0) {
            step.phase = StepPhase.Failed;
            step.reason = Reasons.SPARK_DRIVER_FAILED;
            step.exitCode = spark.driverExitCode;
            step.message = "the Spark driver " + spark.driver + " ended with exit code " + spark.driverExitCode
                    + " (spark-submit itself ended well)";
        }
        return step;
    }

    static SparkStepStatus observe(SparkStepStatus previous, List<Pod> pods) {
        if (pods.isEmpty()) {
            return previous == null ? null : copy(previous);
        }
        SparkStepStatus spark = previous == null ? new SparkStepStatus() : copy(previous);
        driver(pods).ifPresent(driver -> {
            spark.driver = driver.getMetadata().getName();
            String application = labels(driver).get(APPLICATION);
            spark.applicationId = application != null ? application : spark.applicationId;
            container(driver, SparkPodTemplates.DRIVER_CONTAINER).map(c -> c.getState() == null ? null : c.getState().getTerminated())
                    .ifPresent(terminated -> spark.driverExitCode = terminated.getExitCode());
        });
        int executors = pods.stream().filter(pod -> "executor".equals(labels(pod).get(ROLE)))
                .mapToInt(pod -> executorId(labels(pod).get(EXECUTOR_ID))).max().orElse(0);
        int seen = Math.max(spark.executors == null ? 0 : spark.executors, executors);
        spark.executors = seen == 0 ? null : seen;
        return spark;
    }

    /** The step's driver (the latest, should spark-submit have been run twice). */
    public static Optional<Pod> driver(List<Pod> pods) {
        return pods.stream().filter(pod -> "driver".equals(labels(pod).get(ROLE)))
                .max(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp() == null ? ""
                        : p.getMetadata().getCreationTimestamp()).thenComparing(p -> p.getMetadata().getName()));
    }

    /** The step's driver while no owner holds it yet (the operator makes the step's Job its owner). */
    public static Optional<Pod> orphanDriver(List<Pod> pods) {
        return driver(pods).filter(pod -> pod.getMetadata().getDeletionTimestamp() == null
                && (pod.getMetadata().getOwnerReferences() == null || pod.getMetadata().getOwnerReferences().isEmpty()));
    }

    /** Whether some of the pods are still to be deleted: a step that ended leaves no Spark pod behind. */
    public static boolean leftBehind(StepStatus step, List<Pod> pods) {
        return step.phase.isFinished() && pods.stream().anyMatch(pod -> pod.getMetadata().getDeletionTimestamp() == null);
    }

    static Optional<ContainerStatus> container(Pod pod, String name) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getContainerStatuses().stream().filter(c -> name.equals(c.getName())).findFirst();
    }

    private static int executorId(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Map<String, String> labels(Pod pod) {
        return pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    }

    private static SparkStepStatus copy(SparkStepStatus from) {
        SparkStepStatus to = new SparkStepStatus();
        to.applicationId = from.applicationId;
        to.driver = from.driver;
        to.executors = from.executors;
        to.driverExitCode = from.driverExitCode;
        to.driverLogTail = from.driverLogTail;
        return to;
    }
}
