package io.raffinerie.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Creating an object with a deterministic name: AlreadyExists means it was created before, which is success. */
public final class Creations {
    private Creations() {
    }

    /** True when this call created the object, false when it already existed. */
    public static <R extends HasMetadata> boolean createIfAbsent(KubernetesClient client, R resource) {
        try {
            client.resource(resource).create();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    /**
     * True when the API server refused a create because the namespace is being deleted (403 with the cause
     * NamespaceTerminating): nothing to make there any more, and nothing to retry.
     */
    public static boolean namespaceTerminating(KubernetesClientException e) {
        return e.getCode() == 403 && e.getStatus() != null && e.getStatus().getDetails() != null
                && e.getStatus().getDetails().getCauses() != null
                && e.getStatus().getDetails().getCauses().stream().anyMatch(c -> "NamespaceTerminating".equals(c.getReason()));
    }
}
