package io.raffinerie.model.job;

import java.util.Map;

/**
 * One technology of the catalog: its images by version, the version used when a job names none, and how a job's
 * source is run.
 */
public record Technology(String name, Map<String, String> imagesByVersion, String defaultVersion, Launch launch) {

    /** How the operator turns a job into a container command. */
    public enum Launch {
        /** The inline script, mounted from a ConfigMap, run by an interpreter. */
        SCRIPT,
        /** command and args, as given, on the technology's image. */
        COMMAND,
        /** spark-submit in cluster mode against the Kubernetes API. */
        SPARK_SUBMIT,
        /** The job's own image and command. */
        IMAGE
    }
}
