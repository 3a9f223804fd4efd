package io.raffinerie.model.run;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.UncountedTerminatedPods;
import java.util.List;

/**
 * A Job's pods by state, as a step counts them: the pods the Job controller saw end but has not yet moved into its
 * counters ({@code status.uncountedTerminatedPods}) are counted where they will land.
 */
public record JobCounts(int active, int failed, int succeeded) {
    public static JobCounts of(Job job) {
        JobStatus status = job.getStatus();
        if (status == null) {
            return new JobCounts(0, 0, 0);
        }
        UncountedTerminatedPods uncounted = status.getUncountedTerminatedPods();
        return new JobCounts(orZero(status.getActive()),
                orZero(status.getFailed()) + size(uncounted == null ? null : uncounted.getFailed()),
                orZero(status.getSucceeded()) + size(uncounted == null ? null : uncounted.getSucceeded()));
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static int size(List<String> pods) {
        return pods == null ? 0 : pods.size();
    }
}
