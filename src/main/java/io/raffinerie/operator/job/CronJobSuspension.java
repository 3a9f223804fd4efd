package io.raffinerie.operator.job;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.model.Problem;
import io.raffinerie.model.job.CronJobs;
import java.util.Optional;

/**
 * An invalid job must not run on a schedule: its CronJob, when it has one, is suspended until the job is valid again,
 * when the CronJob dependent puts the declared {@code suspend} back.
 */
final class CronJobSuspension {
    private CronJobSuspension() {
    }

    /** Suspends the job's CronJob, if any, and returns the problem saying so. */
    static Problem suspend(Context<DataJob> context, DataJob job, Problem problem) {
        Optional<CronJob> cronJob = context.getSecondaryResource(CronJob.class);
        if (cronJob.isEmpty()) {
            return problem;
        }
        CronJob current = cronJob.get();
        if (!Boolean.TRUE.equals(current.getSpec().getSuspend())) {
            context.getClient().batch().v1().cronjobs().inNamespace(current.getMetadata().getNamespace())
                    .withName(current.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":true}}");
        }
        return CronJobs.suspendedWhileInvalid(problem, current.getMetadata().getName());
    }
}
