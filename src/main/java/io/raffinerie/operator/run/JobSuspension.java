package io.raffinerie.operator.run;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/** Stopping a step: a suspended Job's pods are stopped by the Job controller, and the Job stays as a record. */
final class JobSuspension {
    private JobSuspension() {
    }

    static void suspend(KubernetesClient client, String namespace, String job) {
        // A merge patch of one field: no conflict with the Job controller's own writes.
        client.batch().v1().jobs().inNamespace(namespace).withName(job)
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"suspend\":true}}");
    }
}
