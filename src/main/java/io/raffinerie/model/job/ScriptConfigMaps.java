package io.raffinerie.model.job;

import io.raffinerie.model.RunLabels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.model.ChildNames;
import io.raffinerie.model.LabelValues;
import io.raffinerie.model.environment.EnvironmentModel;
import java.util.Map;

/**
 * A job's inline script, in an immutable ConfigMap named after its content: a run keeps the script it started
 * with even when the job is edited, and a CronJob's template can name it in advance.
 */
public final class ScriptConfigMaps {
    public static final String MOUNT_PATH = "/opt/raffinerie/script";
    /** ConfigMaps hold at most 1 MiB; the schema bounds scripts well below. */
    public static final int MAX_SCRIPT_BYTES = 262144;

    private ScriptConfigMaps() {
    }

    /** The file the script is mounted as, by technology (a spark script is PySpark). */
    public static String fileName(String technology) {
        return "python".equals(technology) || "spark".equals(technology) ? "main.py" : "main.sh";
    }

    public static String name(DataJob job) {
        return ChildNames.of(job.getMetadata().getName(), "script", ChildNames.hash(job.getSpec().script == null ? "" : job.getSpec().script));
    }

    public static ConfigMap desired(DataJob job) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name(job))
                .withNamespace(job.getMetadata().getNamespace())
                .addToLabels(RunLabels.JOB, LabelValues.of(job.getMetadata().getName()))
                .addToLabels(EnvironmentModel.MANAGED_BY_LABEL, EnvironmentModel.MANAGED_BY)
                .endMetadata()
                .withImmutable(true)
                .withData(Map.of(fileName(job.getSpec().technology), job.getSpec().script == null ? "" : job.getSpec().script))
                .build();
    }
}
