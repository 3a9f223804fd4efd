package io.raffinerie.model;

/** Labels on the Jobs, pods and ConfigMaps of runs; the operator's informers select on them. */
public final class RunLabels {
    /** The DataJob a Job, pod or script runs. */
    public static final String JOB = "raffinerie.io/job";
    /** The DataRun a Job or pod belongs to (absent on Jobs a CronJob starts: their name is the run's). */
    public static final String RUN = "raffinerie.io/run";
    /** The pipeline step a Job or pod runs. */
    public static final String STEP = "raffinerie.io/step";
    /**
     * On a Spark step's driver and executor pods: the batch/v1 Job whose spark-submit made them, so that they are found,
     * shown and deleted with their step (a Job a CronJob starts names no run in its labels, but has a name).
     */
    public static final String SPARK_SUBMITTER = "raffinerie.io/spark-submitter";
    /** The technology, for policies that single out Spark pods. */
    public static final String TECHNOLOGY = "raffinerie.io/technology";
    /** An annotation on a run's Job: the technology version the catalog resolved when the Job was made. */
    public static final String TECHNOLOGY_VERSION = "raffinerie.io/technology-version";
    /** The DataJob generation a Job was built from. */
    public static final String SPEC_GENERATION = "raffinerie.io/spec-generation";
    /** On DataRuns the operator starts for a schedule: Schedule. */
    public static final String TRIGGER = "raffinerie.io/trigger";
    /** On a job run started again from a failed one: its lineage (spec.retryOf is for pipeline runs only). */
    public static final String RETRY_OF = "raffinerie.io/retry-of";

    private RunLabels() {
    }
}
