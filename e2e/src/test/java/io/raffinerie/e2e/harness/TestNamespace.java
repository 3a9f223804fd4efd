package io.raffinerie.e2e.harness;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The namespace of one test, created before it and deleted after it by {@link E2eExtension}.
 * Inject it as a test method (or constructor) parameter.
 */
public record TestNamespace(String name, Cluster cluster) {

    public KubernetesClient client() {
        return cluster.client();
    }

    /** kubectl in this namespace: {@code kubectl -n <name> args...}. */
    public ExecResult kubectl(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-n";
        all[1] = name;
        System.arraycopy(args, 0, all, 2, args.length);
        return cluster.kubectl(all);
    }

    @Override
    public String toString() {
        return name;
    }
}
