package io.raffinerie.bench;

import io.fabric8.kubernetes.api.model.Pod;

/**
 * Another run engine, driven through the same work as Raffinerie on the same cluster ({@link EngineScenario}): chains
 * of sequential steps and single-step runs, each step one pod that KWOK completes at once.
 */
interface Engine extends AutoCloseable {
    /** As in the tables, e.g. "Argo, requeue 10 s". */
    String label();

    /** Short, for the JSON and the namespace: bench-&lt;key&gt;. */
    String key();

    default String namespace() {
        return "bench-" + key();
    }

    /** The controller's client in the audit log ({@link AuditLog#client}). */
    String client();

    /** Installs what the engine needs, starts its controller, runs one single-step run to the end; fails saying why. */
    void start(int steps);

    /** Submits a run of {@code steps} sequential steps named {@code run}. */
    void submitChain(String run, int steps);

    /** How many runs whose name starts with {@code prefix + "-"} succeeded; fails on a failed one, with its message. */
    long succeeded(String prefix);

    /** {@code <run>/<step>} of a pod of this engine ({@link PodChainWatcher#key}), or null. */
    String step(Pod pod);

    /** The controller's process id, for its RSS. */
    long pid();

    /** Stops the controller. */
    @Override
    void close();
}
