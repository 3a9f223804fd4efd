package io.raffinerie.model.run;

import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunSpec;
import io.raffinerie.api.v1alpha1.RetryOptions;
import io.raffinerie.model.RunLabels;
import java.util.Map;

/**
 * The DataRun a user asks for, from the dashboard or the CLI alike: a new run of a job or a pipeline, or a retry of an
 * earlier run. A pipeline retry is a new run with {@code spec.retryOf} (only the failed and skipped steps run again,
 * with what the original ran unless {@code useLatest}); a job run is one step, so retrying it is running it again with
 * the same parameters, its lineage noted in an annotation.
 */
public final class RunRequests {
    private RunRequests() {
    }

    /** A new run of {@code target}, named after it with a generated suffix; {@code job} false: a pipeline. */
    public static DataRun start(String namespace, boolean job, String target, Map<String, String> parameters, String retryOf,
            boolean useLatest) {
        DataRun run = new DataRun();
        run.getMetadata().setGenerateName(target + "-");
        run.getMetadata().setNamespace(namespace);
        DataRunSpec spec = new DataRunSpec();
        if (job) {
            spec.jobRef = target;
        } else {
            spec.pipelineRef = target;
        }
        spec.parameters = parameters == null || parameters.isEmpty() ? null : parameters;
        if (retryOf != null && job) {
            run.getMetadata().setAnnotations(Map.of(RunLabels.RETRY_OF, retryOf));
        } else {
            spec.retryOf = retryOf;
            if (retryOf != null && useLatest) {
                spec.retry = new RetryOptions();
                spec.retry.useLatest = true;
            }
        }
        run.setSpec(spec);
        return run;
    }

    /**
     * The retry of {@code existing}: a pipeline retry inherits the original's parameters (the operator reads them from
     * the original); a job run is run again with the same ones.
     */
    public static DataRun retry(DataRun existing, boolean useLatest) {
        DataRunSpec spec = existing.getSpec();
        boolean job = spec.jobRef != null;
        Map<String, String> parameters = job && spec.parameters != null ? spec.parameters : Map.of();
        return start(existing.getMetadata().getNamespace(), job, job ? spec.jobRef : spec.pipelineRef, parameters,
                existing.getMetadata().getName(), useLatest);
    }
}
