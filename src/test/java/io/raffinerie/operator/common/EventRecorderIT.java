package io.raffinerie.operator.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.it.ClusterIT;
import io.vertx.core.http.HttpClosedException;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An Event is recorded once, and no reconciliation records it again: a create that failed in a way that may pass is
 * tried again, a refusal is not. A real API server; the failures are what fabric8's Vert.x client reports for a
 * pooled connection the server had closed (RunStoryIT under load: "could not record event StepFailed on
 * daily-sales-first: Connection was closed", and the run's story missed that step).
 */
@QuarkusTest
@ClusterIT
class EventRecorderIT {
    static final String NS = "event-recorder";

    @Inject
    KubernetesClient client;

    @Inject
    LeaseIdentity identity;

    ConfigMap involved;

    @BeforeEach
    void anInvolvedObject() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .serverSideApply();
        involved = client.configMaps().inNamespace(NS).resource(new ConfigMapBuilder().withNewMetadata()
                .withGenerateName("involved-").withNamespace(NS).endMetadata().build()).create();
    }

    /** A recorder whose first {@code failures} attempts fail with {@code failure}, then reach the API server. */
    private EventRecorder failing(int failures, KubernetesClientException failure, AtomicInteger attempts) {
        return new EventRecorder(client, Clock.systemUTC(), identity) {
            @Override
            protected Event send(String namespace, Event event) {
                if (attempts.incrementAndGet() <= failures) {
                    throw failure;
                }
                return super.send(namespace, event);
            }
        };
    }

    private List<String> recorded() {
        return client.v1().events().inNamespace(NS).withField("involvedObject.uid", involved.getMetadata().getUid())
                .list().getItems().stream().map(e -> e.getReason() + ": " + e.getMessage()).toList();
    }

    @Test
    void aCreateOnAConnectionTheServerHadClosedIsTriedAgain() {
        AtomicInteger attempts = new AtomicInteger();
        KubernetesClientException closed = new KubernetesClientException("Connection was closed",
                new HttpClosedException("Connection was closed"));
        failing(2, closed, attempts).warning(involved, "StepFailed", "step load failed");
        assertThat(attempts).hasValue(3);
        assertThat(recorded()).containsExactly("StepFailed: step load failed");
    }

    @Test
    void aServerErrorIsTriedAgainButNotForever() {
        AtomicInteger attempts = new AtomicInteger();
        failing(100, new KubernetesClientException("unavailable", 503, null), attempts)
                .normal(involved, "StepSucceeded", "step extract succeeded");
        assertThat(attempts).hasValue(5);
        assertThat(recorded()).isEmpty();
    }

    @Test
    void aRefusalIsNotTriedAgain() {
        AtomicInteger attempts = new AtomicInteger();
        failing(100, new KubernetesClientException("forbidden", 403, null), attempts)
                .normal(involved, "StepSucceeded", "step extract succeeded");
        assertThat(attempts).hasValue(1);
        assertThat(recorded()).isEmpty();
    }
}
