package io.raffinerie.operator.run;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.raffinerie.operator.common.ApiRetry;
import io.raffinerie.model.job.JobTemplates;
import io.raffinerie.model.run.LogTails;
import io.raffinerie.model.run.SecretReferences;
import io.raffinerie.model.job.SparkPodTemplates;
import io.raffinerie.model.run.StepObservation;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Reads the end of a finished step's log through the API and masks the values of the Secrets the step's pod was
 * given: what it ran with, read from the pod, never from the DataJob or environment as they are now (they may have
 * changed or gone mid-run). A log that cannot be read gives a note, never a stuck run.
 */
@ApplicationScoped
public class StepLogReader {
    private static final Logger LOG = Logger.getLogger(StepLogReader.class);
    private final KubernetesClient client;

    public StepLogReader(KubernetesClient client) {
        this.client = client;
    }

    /** The tail of the last attempt's log among a step's pods, its secret values masked; a note when no pod ran. */
    public String tailOfLastAttempt(String namespace, List<Pod> pods) {
        return StepObservation.latestPod(pods)
                .map(pod -> tail(namespace, pod.getMetadata().getName(), JobTemplates.CONTAINER, SecretReferences.of(pod.getSpec())))
                .orElse("(no pod ran for this step)");
    }

    /**
     * The tail of a Spark driver's log, masked with the Secrets the step's own pods were given (the driver gets none, but
     * the code spark-submit ran with them may print them there).
     */
    public String tailOfDriver(String namespace, String driver, List<Pod> stepPods) {
        List<SecretReferences.Ref> refs = StepObservation.latestPod(stepPods).map(pod -> SecretReferences.of(pod.getSpec()))
                .orElse(List.of());
        return tail(namespace, driver, SparkPodTemplates.DRIVER_CONTAINER, refs);
    }

    /**
     * The last lines of the log, read to their end: the API's limitBytes would keep the beginning of the lines and
     * lose the end. Only the last {@link LogTails#WINDOW_BYTES} are kept while reading. When a Secret the pod was
     * given is gone, its values cannot be masked: the tail is withheld.
     */
    String tail(String namespace, String pod, String container, List<SecretReferences.Ref> refs) {
        SecretReferences.Values secrets;
        try {
            secrets = SecretReferences.values(refs, secrets(namespace, refs));
        } catch (KubernetesClientException e) {
            return "(the log of pod " + pod + " was not read: the Secrets to mask in it could not be read: " + reason(e) + ")";
        }
        if (!secrets.gone().isEmpty()) {
            return SecretReferences.withheld(secrets.gone());
        }
        LogWindow window;
        try {
            // Read once, when the step ends: a failure that may pass is tried again before the tail becomes a note.
            window = ApiRetry.call(() -> read(namespace, pod, container), LogWindow.class);
        } catch (RuntimeException e) {
            if (ApiRetry.mayPass(e)) {
                LOG.warnf(e, "the log of pod %s/%s could not be read", namespace, pod);
            }
            return "(the log of pod " + pod + " could not be read: " + (e instanceof KubernetesClientException k ? reason(k) : e.getMessage()) + ")";
        }
        return LogTails.ofWindow(window.text(), window.cutAtStart(), secrets.values());
    }

    /** One attempt, read to the log's end. */
    private LogWindow read(String namespace, String pod, String container) throws IOException {
        LogWindow window = new LogWindow(LogTails.WINDOW_BYTES);
        try (InputStream log = logs().read(namespace, pod, container)) {
            window.readAll(log);
            return window;
        }
    }

    /** Where logs come from: the API server's pods/log (a test without a kubelet replaces it). */
    protected PodLogs logs() {
        return (namespace, pod, container) -> client.pods().inNamespace(namespace).withName(pod).inContainer(container)
                .tailingLines(LogTails.MAX_LINES).getLogInputStream();
    }

    /** Reads the log of a pod's container. */
    public interface PodLogs {
        InputStream read(String namespace, String pod, String container) throws IOException;
    }

    private static String reason(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : "the API server answered " + e.getCode();
    }

    private Map<String, Secret> secrets(String namespace, List<SecretReferences.Ref> refs) {
        Map<String, Secret> secrets = new HashMap<>();
        for (String name : SecretReferences.names(refs)) {
            Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
            if (secret != null) {
                secrets.put(name, secret);
            }
        }
        return secrets;
    }
}
