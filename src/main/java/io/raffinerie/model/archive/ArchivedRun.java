package io.raffinerie.model.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.RunLabels;
import io.raffinerie.model.run.RunMeasures;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * A finished run as the archive stores it: the columns the dashboard and the CLI query by (namespace, target, times,
 * phase), its steps one row each, and the whole status as a document, so that nothing the cluster showed is lost.
 */
public record ArchivedRun(String uid, String namespace, String name, String environment, String targetKind,
        String targetName, Long revision, String phase, String reason, String message, String trigger, String retryOf,
        String parametersJson, Instant createdAt, Instant startedAt, Instant finishedAt, String statusJson,
        List<ArchivedStep> steps) {
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** One step of the run, in the order of the run's status. */
    public record ArchivedStep(String name, int position, String phase, String job, Integer attempts, Integer exitCode,
            String reason, String message, Instant startedAt, Instant finishedAt, Long revision, String technology,
            String version, String image, String resultsJson) {
    }

    /** The run as archived; {@code environment} is the environment owning its namespace, when known. */
    public static ArchivedRun of(DataRun run, Optional<String> environment) {
        DataRunStatus status = run.getStatus();
        boolean job = run.getSpec().jobRef != null;
        List<StepStatus> steps = status.steps == null ? List.of() : status.steps;
        return new ArchivedRun(run.getMetadata().getUid(), run.getMetadata().getNamespace(), run.getMetadata().getName(),
                environment.orElse(null), job ? "DataJob" : "DataPipeline", job ? run.getSpec().jobRef : run.getSpec().pipelineRef,
                status.revision, String.valueOf(status.phase), status.reason == null ? null : status.reason.name(), status.message,
                status.trigger == null ? null : status.trigger.name(), retryOf(run), json(parameters(run)),
                instant(run.getMetadata().getCreationTimestamp()), instant(status.startTime),
                Optional.ofNullable(instant(status.completionTime)).orElseGet(() -> instant(run.getMetadata().getCreationTimestamp())),
                json(withoutSnapshotCopy(status)),
                IntStream.range(0, steps.size()).mapToObj(i -> step(steps.get(i), i)).toList());
    }

    private static ArchivedStep step(StepStatus step, int position) {
        return new ArchivedStep(step.name, position, String.valueOf(step.phase), step.job, step.attempts, step.exitCode,
                step.reason, step.message, instant(step.startTime), instant(step.completionTime), step.revision,
                step.technology, step.version, step.image, step.results == null ? null : json(new TreeMap<>(step.results)));
    }

    /** The values the run ran with: a retry's inherited ones where the status records them, else the run's own. */
    private static Map<String, String> parameters(DataRun run) {
        Map<String, String> values = run.getStatus().parameters != null ? run.getStatus().parameters : run.getSpec().parameters;
        return values == null ? Map.of() : new TreeMap<>(values);
    }

    private static String retryOf(DataRun run) {
        if (run.getSpec().retryOf != null) {
            return run.getSpec().retryOf;
        }
        return run.getMetadata().getLabels() == null ? null : run.getMetadata().getLabels().get(RunLabels.RETRY_OF);
    }

    /** The status document; the deprecated uncompressed snapshot is left out when the frozen one is there. */
    private static ObjectNode withoutSnapshotCopy(DataRunStatus status) {
        ObjectNode node = JSON.valueToTree(status);
        if (status.frozen != null) {
            node.remove("snapshot");
        }
        return node;
    }

    private static Instant instant(String timestamp) {
        return RunMeasures.instant(timestamp).orElse(null);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a run's status is always JSON", e);
        }
    }
}
