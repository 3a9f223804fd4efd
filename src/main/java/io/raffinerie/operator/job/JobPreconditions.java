package io.raffinerie.operator.job;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.raffinerie.api.v1alpha1.DataJob;

/** Which objects a (valid) job wants. */
final class JobPreconditions {
    private JobPreconditions() {
    }

    /** The job has an inline script. */
    public static class HasScript implements Condition<HasMetadata, DataJob> {
        @Override
        public boolean isMet(DependentResource<HasMetadata, DataJob> dependent, DataJob job, Context<DataJob> context) {
            return job.getSpec().script != null;
        }
    }

    /** The job has a schedule. */
    public static class HasSchedule implements Condition<HasMetadata, DataJob> {
        @Override
        public boolean isMet(DependentResource<HasMetadata, DataJob> dependent, DataJob job, Context<DataJob> context) {
            return job.getSpec().schedule != null;
        }
    }
}
