package io.raffinerie.model.environment;

import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.model.Conditions;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Reasons;
import java.util.Optional;

/** Where an environment lives and how its objects are labelled. */
public final class EnvironmentModel {
    /** Label on everything an environment owns, valued with the environment's name. */
    public static final String ENVIRONMENT_LABEL = "raffinerie.io/environment";
    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "raffinerie";

    private EnvironmentModel() {
    }

    /** spec.namespace, or the environment's name. */
    public static String namespaceOf(DataEnvironment environment) {
        String declared = environment.getSpec() == null ? null : environment.getSpec().namespace;
        return declared == null || declared.isBlank() ? environment.getMetadata().getName() : declared;
    }

    /**
     * Why a job, pipeline or run in {@code namespace} cannot run there: the namespace is no environment's, or its
     * environment is not ready.
     */
    public static Optional<Problem> checkHost(Optional<DataEnvironment> environment, String namespace) {
        if (environment.isEmpty()) {
            return Optional.of(new Problem(Reasons.NO_ENVIRONMENT, "namespace " + namespace
                    + " belongs to no DataEnvironment; jobs, pipelines and runs only run inside an environment"));
        }
        DataEnvironment found = environment.get();
        if (found.getMetadata().getDeletionTimestamp() != null) {
            // Its namespace is going away: nothing new may be created there.
            return Optional.of(new Problem(Reasons.ENVIRONMENT_NOT_READY,
                    "DataEnvironment " + found.getMetadata().getName() + " is being deleted"));
        }
        if (found.getStatus() == null || !Conditions.isTrue(found.getStatus().conditions, Conditions.READY)) {
            return Optional.of(new Problem(Reasons.ENVIRONMENT_NOT_READY,
                    "DataEnvironment " + found.getMetadata().getName() + " is not ready"));
        }
        return Optional.empty();
    }
}
