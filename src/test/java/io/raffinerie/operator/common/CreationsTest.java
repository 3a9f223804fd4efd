package io.raffinerie.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

class CreationsTest {
    private static KubernetesClientException forbidden(String causeType) {
        Status status = new StatusBuilder().withCode(403).withReason("Forbidden")
                .withMessage("datarevisions.raffinerie.io \"fetch-1\" is forbidden: unable to create new content in namespace"
                        + " e2e-pipelines because it is being terminated")
                .withNewDetails().addNewCause().withReason(causeType).endCause().endDetails().build();
        return new KubernetesClientException(status);
    }

    @Test
    void aCreateRefusedBecauseTheNamespaceIsBeingDeletedIsToldApartFromOtherRefusals() {
        assertThat(Creations.namespaceTerminating(forbidden("NamespaceTerminating"))).isTrue();
        assertThat(Creations.namespaceTerminating(forbidden("FieldValueForbidden"))).isFalse();
        assertThat(Creations.namespaceTerminating(new KubernetesClientException("no answer"))).isFalse();
    }
}
