package io.raffinerie.api.v1alpha1;

/** How a technology's job container starts. */
public enum TechnologyLaunch {
    /** The job's inline script, mounted read-only, run by the technology's interpreter. */
    Script,
    /** The job's command and args on the technology's image. */
    Command,
    /** spark-submit in cluster mode; the pods get an API token, so they run only the catalog's images. */
    SparkSubmit,
    /** The job's own image, command and args. */
    Image
}
