package io.raffinerie.operator.run;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Stopping a step: a suspended Job's pods are stopped by the Job controller, and the Job stays as a record. */
final class JobSuspension {
    private JobSuspension() {
    }

    static void suspend(KubernetesClient client, String namespace, String job) {
        client.batch().v1().jobs().inNamespace(namespace).withName(job).edit(j -> {
            j.getSpec().setSuspend(true);
            return j;
        });
    }
}
