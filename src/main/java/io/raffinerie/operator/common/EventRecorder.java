package io.raffinerie.operator.common;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.raffinerie.model.ChildNames;
import io.raffinerie.model.Conditions;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Kubernetes Events on our resources, in the order they happened. kubectl describe sorts Events by lastTimestamp,
 * which has second precision, and keeps the API server's order (by name) among Events of the same second; so an
 * Event's name is the involved object's name followed by the microsecond it was recorded (fixed-width hex, as
 * client-go names Events) and a hash of what it says. eventTime carries the same microsecond, with the reporting
 * controller, instance and action the API server then requires. Recording the same transition again in this process
 * (a reconciliation retried after its status patch failed) is skipped; a failure that may pass is tried again
 * ({@link ApiRetry}); a failure to record never fails a reconciliation.
 */
@ApplicationScoped
public class EventRecorder {
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private static final String COMPONENT = "raffinerie-operator";
    /** The API server refuses longer notes on Events with an eventTime. */
    static final int MAX_MESSAGE_BYTES = 1024;
    private static final int REMEMBERED = 10_000;
    private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private final KubernetesClient client;
    private final Clock clock;
    private final String instance;
    private final RecentKeys recorded = new RecentKeys(REMEMBERED);

    public EventRecorder(KubernetesClient client, Clock clock, LeaseIdentity identity) {
        this.client = client;
        this.clock = clock;
        this.instance = identity.value().length() > 128 ? identity.value().substring(0, 128) : identity.value();
    }

    public void normal(HasMetadata involved, String reason, String message) {
        record(involved, "Normal", reason, message);
    }

    public void warning(HasMetadata involved, String reason, String message) {
        record(involved, "Warning", reason, message);
    }

    private void record(HasMetadata involved, String type, String reason, String message) {
        String key = ChildNames.hash(involved.getMetadata().getUid() + "/" + reason + "/" + message);
        if (!recorded.firstTime(key)) {
            return;
        }
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String name = name(involved.getMetadata().getName(), at, key);
        String now = Conditions.timestamp(at);
        String namespace = involved.getMetadata().getNamespace() == null ? "default" : involved.getMetadata().getNamespace();
        try {
            create(namespace, new EventBuilder()
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
                    .withAction(reason)
                    .withMessage(bounded(message))
                    .withCount(1)
                    .withFirstTimestamp(now)
                    .withLastTimestamp(now)
                    .withEventTime(new MicroTime(MICROS.format(at)))
                    .withNewSource(COMPONENT, null)
                    .withReportingComponent(COMPONENT)
                    .withReportingInstance(instance)
                    .build());
        } catch (RuntimeException e) {
            if (!(e instanceof KubernetesClientException k && k.getCode() == 409)) { // 409: an attempt without an answer had recorded it
                recorded.forget(key); // not recorded: a retried reconciliation tries again
                LOG.warnf("could not record event %s on %s: %s", reason, involved.getMetadata().getName(), e.getMessage());
            }
        }
    }

    /**
     * Creates the Event, tried again when that failed in a way that may pass: no reconciliation records it again once
     * the status that follows from it is written.
     */
    private void create(String namespace, Event event) {
        ApiRetry.call(() -> send(namespace, event), Event.class);
    }

    /** One attempt at creating the Event. */
    protected Event send(String namespace, Event event) {
        return client.v1().events().inNamespace(namespace).resource(event).create();
    }

    /** The involved object's name, the microsecond in fixed-width hex, and the hash: names sort as Events happened. */
    static String name(String involved, Instant at, String hash) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        return ChildNames.ofMaxLength(200, involved) + "." + String.format("%016x", micros) + "." + hash;
    }

    /** The message cut to what the API server accepts, on a character boundary. */
    static String bounded(String message) {
        if (message == null || message.getBytes(StandardCharsets.UTF_8).length <= MAX_MESSAGE_BYTES) {
            return message;
        }
        int end = Math.min(message.length(), MAX_MESSAGE_BYTES - 3);
        while (message.substring(0, end).getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE_BYTES - 3) {
            end--;
        }
        return message.substring(0, end) + "...";
    }
}
