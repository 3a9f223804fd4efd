package io.raffinerie.bench;

import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Argo Workflows' workflow-controller (built from its Go module, see e2e/tools/build.sh --bench), namespaced to its
 * own namespace, at a given DEFAULT_REQUEUE_TIME. Each run is a Workflow whose entrypoint is a DAG of
 * {@code steps} tasks in sequence, each a container template with an explicit command and no outputs: the
 * controller then needs no executor (no image entrypoint lookup, no task result to wait for), and KWOK completes
 * the pod (its init and wait containers included) like any other.
 */
final class ArgoEngine extends GoEngine {
    static final String API_VERSION = "argoproj.io/v1alpha1";
    static final String NODE_NAME = "workflows.argoproj.io/node-name";
    /** The node name of a DAG task's pod: {@code <workflow>.s<i>}. */
    static final Pattern NODE_STEP = Pattern.compile("(.+)\\.s(\\d+)");

    private final Duration requeue;

    ArgoEngine(BenchContext ctx, Path dir, Duration requeue) {
        super(ctx, dir);
        this.requeue = requeue;
    }

    @Override
    public String label() {
        return "Argo Workflows, requeue " + requeue.toSeconds() + " s";
    }

    @Override
    public String key() {
        return "argo-" + requeue.toSeconds() + "s";
    }

    @Override
    public String client() {
        return "workflow-controller"; // its user agent: the binary's name
    }

    @Override
    public void start(int steps) {
        installCrds();
        createNamespace();
        // Its metrics on a port of this bench's own (default 9090); the pprof port 6060 is fixed in its main.
        ctx.cluster.kubectlWithInput("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: workflow-controller-configmap, namespace: %s}
                data:
                  metricsConfig: |
                    port: %d
                    secure: false
                """.formatted(namespace(), ctx.enginePort(1)), "apply", "-f", "-").assertOk();
        startProcess(List.of(dir.resolve("workflow-controller").toString(), "--kubeconfig", ctx.cluster.kubeconfig().toString(),
                "--namespace", namespace(), "--namespaced", "--managed-namespace", namespace(),
                "--executor-image", "registry.invalid/argoexec:bench", "--loglevel", "warn"),
                Map.of("DEFAULT_REQUEUE_TIME", requeue.toSeconds() + "s", "LEADER_ELECTION_DISABLE", "true"));
        probe();
    }

    @Override
    public void submitChain(String run, int steps) {
        StringBuilder tasks = new StringBuilder();
        for (int i = 1; i <= steps; i++) {
            tasks.append("      - {name: s").append(i).append(", template: step").append(i == 1 ? "" : ", depends: s" + (i - 1))
                    .append("}\n");
        }
        ctx.create("""
                apiVersion: %s
                kind: Workflow
                metadata: {name: %s, namespace: %s}
                spec:
                  entrypoint: chain
                  templates:
                  - name: chain
                    dag:
                      tasks:
                %s  - name: step
                    container: {image: registry.invalid/sim:1, command: ["true"]}
                """.formatted(API_VERSION, run, namespace(), tasks));
    }

    @Override
    public long succeeded(String prefix) {
        return count(API_VERSION, "Workflow", prefix, workflow -> {
            Object status = workflow.getAdditionalProperties().get("status");
            Object phase = status instanceof Map<?, ?> map ? map.get("phase") : null;
            if ("Succeeded".equals(phase)) {
                return true;
            }
            return "Failed".equals(phase) || "Error".equals(phase) ? false : null;
        });
    }

    @Override
    public String step(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        return PodChainWatcher.parse(annotations == null ? null : annotations.get(NODE_NAME), NODE_STEP);
    }
}
