package io.raffinerie.model.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepObservationTest {
    private static Job job(int active, int failed, int succeeded, String conditionType, String reason) {
        JobBuilder job = new JobBuilder().withNewMetadata().withName("r").endMetadata().withNewStatus()
                .withActive(active).withFailed(failed).withSucceeded(succeeded).withStartTime("2026-11-28T10:00:00Z").endStatus();
        if (conditionType != null) {
            job.editStatus().addNewCondition().withType(conditionType).withStatus("True").withReason(reason)
                    .withLastTransitionTime("2026-11-28T10:05:00Z").endCondition().endStatus();
        }
        return job.build();
    }

    private static Pod pod(String name, String created, Integer exitCode, String reason, String waiting) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withCreationTimestamp(created).endMetadata()
                .withNewStatus().addNewContainerStatus().withName("main").withNewState().endState().endContainerStatus().endStatus();
        Pod built = pod.build();
        var state = built.getStatus().getContainerStatuses().get(0).getState();
        if (exitCode != null) {
            state.setTerminated(new io.fabric8.kubernetes.api.model.ContainerStateTerminatedBuilder().withExitCode(exitCode)
                    .withReason(reason).build());
        }
        if (waiting != null) {
            state.setWaiting(new io.fabric8.kubernetes.api.model.ContainerStateWaitingBuilder().withReason(waiting)
                    .withMessage("Back-off pulling image").build());
        }
        return built;
    }

    @Test
    void noJobYetIsPending() {
        assertThat(StepObservation.observe("s", "r", null, List.of(), null).phase).isEqualTo(StepPhase.Pending);
    }

    @Test
    void activeJobIsRunningAndAStuckImageIsExplained() {
        StepStatus step = StepObservation.observe("s", "r", job(1, 0, 0, null, null),
                List.of(pod("r-1", "2026-11-28T10:00:00Z", null, null, "ImagePullBackOff")), null);
        assertThat(step.phase).isEqualTo(StepPhase.Running);
        assertThat(step.reason).isEqualTo("ImagePullBackOff");
        assertThat(step.attempts).isEqualTo(1);
    }

    @Test
    void completeJobSucceededWithTheExitCodeOfItsPod() {
        StepStatus step = StepObservation.observe("s", "r", job(0, 0, 1, "Complete", "CompletionsReached"),
                List.of(pod("r-1", "2026-11-28T10:00:00Z", 0, "Completed", null)), null);
        assertThat(step.phase).isEqualTo(StepPhase.Succeeded);
        assertThat(step.exitCode).isZero();
        assertThat(step.completionTime).isEqualTo("2026-11-28T10:05:00Z");
    }

    @Test
    void failedJobReportsTheLastAttemptsExitCodeAndOomKill() {
        StepStatus step = StepObservation.observe("s", "r", job(0, 3, 0, "Failed", "BackoffLimitExceeded"),
                List.of(pod("r-2", "2026-11-28T10:01:00Z", 1, "Error", null), pod("r-3", "2026-11-28T10:02:00Z", 137, "OOMKilled", null),
                        pod("r-1", "2026-11-28T10:00:00Z", 2, "Error", null)), null);
        assertThat(step.phase).isEqualTo(StepPhase.Failed);
        assertThat(step.attempts).isEqualTo(3);
        assertThat(step.exitCode).isEqualTo(137);
        assertThat(step.reason).isEqualTo("BackoffLimitExceeded");
        assertThat(step.message).isEqualTo("exit code 137 (OOMKilled) after 3 attempts");
    }

    @Test
    void aFailureIsSaidInWordsWithTheExitCodeAndTheAttempts() {
        StepStatus step = StepObservation.observe("s", "r", job(0, 2, 0, "Failed", "BackoffLimitExceeded"),
                List.of(pod("r-1", "2026-11-28T10:00:00Z", 3, "Error", null), pod("r-2", "2026-11-28T10:01:00Z", 3, "Error", null)),
                null);
        assertThat(step.attempts).isEqualTo(2);
        assertThat(step.exitCode).isEqualTo(3);
        assertThat(step.message).isEqualTo("exit code 3 after 2 attempts");

        StepStatus once = StepObservation.observe("s", "r", job(0, 1, 0, "Failed", "BackoffLimitExceeded"),
                List.of(pod("r-1", "2026-11-28T10:00:00Z", 1, "Error", null)), null);
        assertThat(once.message).isEqualTo("exit code 1 after 1 attempt");
    }

    @Test
    void aFailureWithoutAnyPodLeftSaysTheJobsReason() {
        StepStatus step = StepObservation.observe("s", "r", job(0, 2, 0, "Failed", "BackoffLimitExceeded"), List.of(), null);
        assertThat(step.message).isEqualTo("failed after 2 attempts (BackoffLimitExceeded)");
    }

    @Test
    void deadlineIsExplainedWithTheTimeout() {
        Job job = job(0, 1, 0, "Failed", "DeadlineExceeded");
        job.setSpec(new io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder().withActiveDeadlineSeconds(1800L).build());
        StepStatus step = StepObservation.observe("s", "r", job, List.of(), null);
        assertThat(step.phase).isEqualTo(StepPhase.Failed);
        assertThat(step.reason).isEqualTo("DeadlineExceeded");
        assertThat(step.message).isEqualTo("ran longer than its timeout of 30m");
    }

    @Test
    void failureTargetAloneIsNotYetFailed() {
        assertThat(StepObservation.observe("s", "r", job(1, 1, 0, "FailureTarget", "BackoffLimitExceeded"), List.of(), null).phase)
                .isEqualTo(StepPhase.Running);
    }

    @Test
    void suspendedJobIsCancelledAndTheLogTailIsKept() {
        StepStatus previous = new StepStatus();
        previous.logTail = "earlier";
        StepStatus step = StepObservation.observe("s", "r", job(0, 0, 0, "Suspended", "JobSuspended"), List.of(), previous);
        assertThat(step.phase).isEqualTo(StepPhase.Cancelled);
        assertThat(step.logTail).isEqualTo("earlier");
    }

    @Test
    void aPodThatEndedBeforeItsJobSaysSoChangesNothingOnTheStep() {
        StepStatus running = StepObservation.observe("s", "r", job(1, 0, 0, null, null),
                List.of(pod("r-1", "2026-11-28T10:00:00Z", null, null, null)), null);
        // The Job controller saw the pod end: it is no longer active, and not counted yet.
        Job ending = job(0, 0, 0, null, null);
        ending.getStatus().setUncountedTerminatedPods(new io.fabric8.kubernetes.api.model.batch.v1.UncountedTerminatedPodsBuilder()
                .withSucceeded("uid-1").build());
        StepStatus ended = StepObservation.observe("s", "r", ending, List.of(pod("r-1", "2026-11-28T10:00:00Z", 0, "Completed", null)),
                running);
        assertThat(ended.phase).isEqualTo(StepPhase.Running);
        assertThat(ended.attempts).as("the uncounted pod is an attempt").isEqualTo(1);
        assertThat(ended.exitCode).as("recorded with the end of the step").isNull();
        assertThat(org.assertj.core.api.Assertions.tuple(ended.phase, ended.attempts, ended.exitCode, ended.startTime))
                .isEqualTo(org.assertj.core.api.Assertions.tuple(running.phase, running.attempts, running.exitCode, running.startTime));
    }

    @Test
    void attemptsNeverGoDown() {
        StepStatus previous = new StepStatus();
        previous.attempts = 2;
        assertThat(StepObservation.observe("s", "r", job(0, 1, 0, null, null), List.of(), previous).attempts).isEqualTo(2);
    }
}
