package io.raffinerie.operator.common;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.raffinerie.model.ChildNames;
import io.raffinerie.model.Conditions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Kubernetes Events on our resources. An event's name is derived from what it says, so recording the same
 * transition twice (after a restart) is harmless; a failure to record never fails a reconciliation.
 */
@ApplicationScoped
public class EventRecorder {
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private static final String COMPONENT = "raffinerie-operator";
    private final KubernetesClient client;
    private final Clock clock;

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void normal(HasMetadata involved, String reason, String message) {
        record(involved, "Normal", reason, message);
    }

    public void warning(HasMetadata involved, String reason, String message) {
        record(involved, "Warning", reason, message);
    }

    private void record(HasMetadata involved, String type, String reason, String message) {
        String now = Conditions.timestamp(clock.instant());
        String name = ChildNames.of(involved.getMetadata().getName(),
                ChildNames.hash(involved.getMetadata().getUid() + "/" + reason + "/" + message));
        try {
            client.v1().events().inNamespace(involved.getMetadata().getNamespace() == null ? "default"
                    : involved.getMetadata().getNamespace()).resource(new EventBuilder()
                    .withNewMetadata().withName(name).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder()
                            .withApiVersion(involved.getApiVersion())
                            .withKind(involved.getKind())
                            .withName(involved.getMetadata().getName())
                            .withNamespace(involved.getMetadata().getNamespace())
                            .withUid(involved.getMetadata().getUid())
                            .build())
                    .withType(type)
                    .withReason(reason)
                    .withMessage(message)
                    .withCount(1)
                    .withFirstTimestamp(now)
                    .withLastTimestamp(now)
                    .withNewSource(COMPONENT, null)
                    .withReportingComponent(COMPONENT)
                    .build()).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                LOG.debugf("could not record event %s on %s: %s", reason, involved.getMetadata().getName(), e.getMessage());
            }
        }
    }
}
