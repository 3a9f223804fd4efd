package io.raffinerie.model.run;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.raffinerie.model.job.JobTemplates;
import io.raffinerie.model.job.SparkPodTemplates;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What {@link StepObservation} reads of a Job and of a pod, and nothing else: an update that leaves it alone (the
 * Job's ready count, a finalizer's removal, a pod scheduled or its container started) cannot change a step, so it
 * need not reconcile the run.
 */
public final class StepSignals {
    /** The conditions a step reads; the others (SuccessCriteriaMet, FailureTarget) come before them. */
    private static final Set<String> CONDITIONS = Set.of("Complete", "Failed", "Suspended");

    private StepSignals() {
    }

    record JobSignal(Boolean suspend, Long activeDeadlineSeconds, boolean active, int failed, boolean succeeded,
            String startTime, String completionTime, List<List<String>> conditions) {
    }

    record PodSignal(Integer exitCode, String terminatedReason, String stuckReason, String stuckMessage) {
    }

    /** Whether a Job update can change the step it runs. */
    public static boolean jobChanged(Job updated, Job old) {
        return !of(updated).equals(of(old));
    }

    /** Whether a pod update can change the step its Job runs (or, for a Spark driver, the step that submitted it). */
    public static boolean podChanged(Pod updated, Pod old) {
        return !of(updated).equals(of(old));
    }

    static JobSignal of(Job job) {
        JobCounts counts = JobCounts.of(job);
        var spec = job.getSpec();
        var status = job.getStatus();
        List<List<String>> conditions = status == null || status.getConditions() == null ? List.of()
                : status.getConditions().stream().filter(c -> CONDITIONS.contains(c.getType()))
                        .map(StepSignals::signal).toList();
        return new JobSignal(spec == null ? null : spec.getSuspend(), spec == null ? null : spec.getActiveDeadlineSeconds(),
                counts.active() > 0, counts.failed(), counts.succeeded() > 0, status == null ? null : status.getStartTime(),
                status == null ? null : status.getCompletionTime(), conditions);
    }

    static PodSignal of(Pod pod) {
        ContainerState state = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null ? null
                : pod.getStatus().getContainerStatuses().stream().filter(c -> JobTemplates.CONTAINER.equals(c.getName())
                        || SparkPodTemplates.DRIVER_CONTAINER.equals(c.getName()))
                        .findFirst().map(ContainerStatus::getState).orElse(null);
        var terminated = state == null ? null : state.getTerminated();
        var waiting = state == null || state.getWaiting() == null || !StepObservation.STUCK.contains(state.getWaiting().getReason())
                ? null : state.getWaiting();
        return new PodSignal(terminated == null ? null : terminated.getExitCode(), terminated == null ? null : terminated.getReason(),
                waiting == null ? null : waiting.getReason(), waiting == null ? null : waiting.getMessage());
    }

    private static List<String> signal(JobCondition condition) {
        return Arrays.asList(condition.getType(), condition.getStatus(), condition.getReason(), condition.getMessage(),
                condition.getLastTransitionTime());
    }
}
