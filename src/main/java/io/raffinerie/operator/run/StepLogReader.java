package io.raffinerie.operator.run;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.Variable;
import io.raffinerie.model.job.JobTemplates;
import io.raffinerie.model.run.LogTails;
import io.raffinerie.model.run.StepObservation;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Reads the end of a finished step's log through the API and masks the values of the secret variables the step
 * could see. A log that cannot be read gives a note, never a stuck run.
 */
@ApplicationScoped
public class StepLogReader {
    private final KubernetesClient client;

    public StepLogReader(KubernetesClient client) {
        this.client = client;
    }

    /**
     * The tail of the last attempt's log among a step's pods, masking the environment's and the job's secret
     * variables; a note when no pod ran.
     */
    public String tailOfLastAttempt(String namespace, List<Pod> pods, DataJob job, List<Variable> environmentVariables) {
        List<Variable> variables = new ArrayList<>(environmentVariables == null ? List.of() : environmentVariables);
        if (job.getSpec() != null && job.getSpec().env != null) {
            variables.addAll(job.getSpec().env);
        }
        return StepObservation.latestPod(pods)
                .map(pod -> tail(namespace, pod.getMetadata().getName(), variables))
                .orElse("(no pod ran for this step)");
    }

    /**
     * The last lines of the log, read to their end: the API's limitBytes would keep the beginning of the lines and
     * lose the end. Only the last {@link LogTails#WINDOW_BYTES} are kept while reading.
     */
    String tail(String namespace, String pod, List<Variable> variables) {
        LogWindow window = new LogWindow(LogTails.WINDOW_BYTES);
        try (InputStream log = client.pods().inNamespace(namespace).withName(pod).inContainer(JobTemplates.CONTAINER)
                .tailingLines(LogTails.MAX_LINES).getLogInputStream()) {
            window.readAll(log);
        } catch (KubernetesClientException e) {
            return "(the log of pod " + pod + " could not be read: " + (e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage() : "the API server answered " + e.getCode()) + ")";
        } catch (IOException e) {
            return "(the log of pod " + pod + " could not be read: " + e.getMessage() + ")";
        }
        return LogTails.ofWindow(window.text(), window.cutAtStart(), secretValues(namespace, variables));
    }

    /** The values of the secret keys the variables reference; a missing secret has no value to hide. */
    private List<String> secretValues(String namespace, List<Variable> variables) {
        List<String> values = new ArrayList<>();
        for (Variable variable : variables) {
            if (variable.secretKeyRef == null) {
                continue;
            }
            Secret secret = client.secrets().inNamespace(namespace).withName(variable.secretKeyRef.name).get();
            if (secret == null) {
                continue;
            }
            if (secret.getData() != null && secret.getData().get(variable.secretKeyRef.key) != null) {
                values.add(new String(Base64.getDecoder().decode(secret.getData().get(variable.secretKeyRef.key)),
                        StandardCharsets.UTF_8));
            }
            if (secret.getStringData() != null) {
                values.add(secret.getStringData().get(variable.secretKeyRef.key));
            }
        }
        values.removeIf(Objects::isNull);
        return values;
    }
}
