package io.raffinerie.model.run;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.Durations;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.job.JobTemplates;
import io.raffinerie.model.RunLabels;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** How a step is doing, read from its batch/v1 Job and the Job's pods. */
public final class StepObservation {
    /** Reasons a container waits that no retry will cure; shown on the step while it waits. */
    static final Set<String> STUCK = Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName",
            "CreateContainerConfigError", "CreateContainerError");

    private StepObservation() {
    }

    /** The step as the Job and its pods show it; fields the cluster cannot tell (log tail) come from {@code previous}. */
    public static StepStatus observe(String step, String jobName, Job job, List<Pod> pods, StepStatus previous) {
        StepStatus status = new StepStatus();
        status.name = step;
        status.job = jobName;
        if (previous != null) {
            status.logTail = previous.logTail;
            status.reusedFrom = previous.reusedFrom;
        }
        if (job == null) {
            status.phase = StepPhase.Pending;
            return status;
        }
        recordTechnology(status, job);
        var jobStatus = job.getStatus();
        JobCounts counts = JobCounts.of(job);
        int active = counts.active();
        // The pods the Job controller saw end but has not counted yet are attempts too: without them the count
        // would drop to 0 between a pod's end and the Job's next status (and the status would be written twice).
        int attempts = counts.failed() + (active > 0 || counts.succeeded() > 0 ? 1 : 0);
        status.attempts = Math.max(attempts, previous == null || previous.attempts == null ? 0 : previous.attempts);
        status.startTime = jobStatus == null ? null : jobStatus.getStartTime();
        Optional<ContainerStatus> container = latestPod(pods).flatMap(StepObservation::mainContainer);
        Optional<ContainerStateTerminated> terminated = container.map(c -> c.getState() == null ? null : c.getState().getTerminated());

        Optional<JobCondition> complete = condition(job, "Complete");
        // Only the terminal conditions: after FailureTarget or SuccessCriteriaMet, pods may still be terminating and
        // the counts are not final.
        Optional<JobCondition> failedCondition = condition(job, "Failed");
        if (complete.isPresent()) {
            status.phase = StepPhase.Succeeded;
            status.completionTime = jobStatus.getCompletionTime() != null ? jobStatus.getCompletionTime()
                    : complete.get().getLastTransitionTime();
        } else if (failedCondition.isPresent()) {
            status.phase = StepPhase.Failed;
            status.completionTime = failedCondition.get().getLastTransitionTime();
            status.reason = failedCondition.get().getReason();
            status.message = failureMessage(job, failedCondition.get(), terminated, Math.max(1, status.attempts));
        } else if (condition(job, "Suspended").isPresent()) {
            status.phase = StepPhase.Cancelled;
            status.reason = Reasons.CANCELLED;
            status.message = "the run was cancelled; its Job was stopped";
            status.completionTime = condition(job, "Suspended").get().getLastTransitionTime();
        } else {
            status.phase = active > 0 || status.startTime != null ? StepPhase.Running : StepPhase.Pending;
            container.map(c -> c.getState() == null ? null : c.getState().getWaiting())
                    .filter(w -> STUCK.contains(w.getReason()))
                    .ifPresent(w -> {
                        status.reason = w.getReason();
                        status.message = w.getMessage();
                    });
        }
        if (status.phase.isFinished() && status.attempts == 0 && status.phase != StepPhase.Cancelled) {
            status.attempts = 1;
        }
        // The exit code is the step's once it ended: a pod that ended before its Job says so is one write less.
        if (status.phase.isFinished()) {
            terminated.ifPresent(t -> status.exitCode = t.getExitCode());
        }
        return status;
    }

    /**
     * A failure in words: "exit code 3 after 2 attempts", "ran longer than its timeout of 30m". The Job's own reason
     * (BackoffLimitExceeded, DeadlineExceeded) stays in the step's reason.
     */
    static String failureMessage(Job job, JobCondition failed, Optional<ContainerStateTerminated> terminated, int attempts) {
        if (Reasons.DEADLINE_EXCEEDED.equals(failed.getReason())) {
            Long deadline = job.getSpec() == null ? null : job.getSpec().getActiveDeadlineSeconds();
            return "ran longer than its timeout" + (deadline == null ? "" : " of " + Durations.format(Duration.ofSeconds(deadline)));
        }
        String tries = " after " + attempts + (attempts == 1 ? " attempt" : " attempts");
        if (terminated.isEmpty()) {
            String why = failed.getReason() == null ? "" : failed.getReason()
                    + (failed.getMessage() == null || failed.getMessage().equals(failed.getReason()) ? "" : ": " + failed.getMessage());
            return "failed" + tries + (why.isEmpty() ? "" : " (" + why + ")");
        }
        ContainerStateTerminated last = terminated.get();
        String killed = last.getReason() == null || "Error".equals(last.getReason()) ? "" : " (" + last.getReason() + ")";
        return "exit code " + last.getExitCode() + killed + tries;
    }

    static Optional<JobCondition> condition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
    }

    /** The most recent pod of the Job: the last attempt. */
    public static Optional<Pod> latestPod(List<Pod> pods) {
        return pods.stream().max(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp() == null ? ""
                : p.getMetadata().getCreationTimestamp()).thenComparing(p -> p.getMetadata().getName()));
    }

    static Optional<ContainerStatus> mainContainer(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getContainerStatuses().stream().filter(c -> JobTemplates.CONTAINER.equals(c.getName())).findFirst();
    }

    /** The technology, version and image the Job runs: what the catalog said when the Job was made, not what it says now. */
    static void recordTechnology(StepStatus status, Job job) {
        var template = job.getSpec() == null ? null : job.getSpec().getTemplate();
        if (template == null || template.getSpec() == null) {
            return;
        }
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            status.technology = template.getMetadata().getLabels().get(RunLabels.TECHNOLOGY);
        }
        status.version = job.getMetadata().getAnnotations() == null ? null
                : job.getMetadata().getAnnotations().get(RunLabels.TECHNOLOGY_VERSION);
        status.image = template.getSpec().getContainers().stream().filter(c -> JobTemplates.CONTAINER.equals(c.getName()))
                .map(c -> c.getImage()).findFirst().orElse(null);
    }
}
