package io.raffinerie.bench;

import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tekton Pipelines' controller (built from its Go module, see e2e/tools/build.sh --bench), without its webhook:
 * restricted to its own namespace, which is also its system namespace (its ConfigMaps, config/config-*.yaml of the
 * module source), no leader election. Without the webhook nothing is defaulted nor validated at admission and no
 * version is converted: the bench creates v1 objects only, in the CRDs' storage version, and the reconcilers apply
 * the defaults themselves. Each run is a PipelineRun of a Pipeline of {@code steps} tasks in sequence (runAfter),
 * each one step with an explicit command (no image lookup).
 */
final class TektonEngine extends GoEngine {
    static final String API_VERSION = "tekton.dev/v1";
    static final String PIPELINE_RUN = "tekton.dev/pipelineRun";
    static final String PIPELINE_TASK = "tekton.dev/pipelineTask";
    /** {@code <pipelineRun>/s<i>}, of a pod's labels. */
    static final Pattern TASK_STEP = Pattern.compile("(.+)/s(\\d+)");

    TektonEngine(BenchContext ctx, Path dir) {
        super(ctx, dir);
    }

    @Override
    public String label() {
        return "Tekton Pipelines";
    }

    @Override
    public String key() {
        return "tekton";
    }

    @Override
    public String client() {
        return "controller"; // client-go's default user agent: the binary's name
    }

    @Override
    public void start(int steps) {
        installCrds();
        createNamespace();
        try (var files = Files.list(dir.resolve("config"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("config-")).sorted().toList()) {
                ctx.cluster.kubectlWithInput(Files.readString(file).replace("namespace: tekton-pipelines", "namespace: " + namespace()),
                        "apply", "-f", "-").assertOk();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String image = "registry.invalid/tekton/%s:bench";
        startProcess(List.of(dir.resolve("controller").toString(), "-kubeconfig", ctx.cluster.kubeconfig().toString(),
                "-namespace", namespace(), "-disable-ha",
                "-entrypoint-image", image.formatted("entrypoint"), "-nop-image", image.formatted("nop"),
                "-sidecarlogresults-image", image.formatted("sidecarlogresults"),
                "-workingdirinit-image", image.formatted("workingdirinit"),
                "-shell-image", image.formatted("busybox"), "-shell-image-win", image.formatted("powershell")),
                Map.ofEntries(Map.entry("SYSTEM_NAMESPACE", namespace()), Map.entry("KUBERNETES_MIN_VERSION", "v1.28.0"),
                        Map.entry("CONFIG_DEFAULTS_NAME", "config-defaults"), Map.entry("CONFIG_LOGGING_NAME", "config-logging"),
                        Map.entry("CONFIG_OBSERVABILITY_NAME", "config-observability"),
                        Map.entry("CONFIG_FEATURE_FLAGS_NAME", "feature-flags"),
                        Map.entry("CONFIG_LEADERELECTION_NAME", "config-leader-election-controller"),
                        Map.entry("CONFIG_SPIRE", "config-spire"), Map.entry("METRICS_DOMAIN", "tekton.dev/pipeline"),
                        Map.entry("PROBES_PORT", Integer.toString(ctx.enginePort(2))),
                        Map.entry("METRICS_PROMETHEUS_PORT", Integer.toString(ctx.enginePort(3))),
                        Map.entry("PROFILING_PORT", Integer.toString(ctx.enginePort(4)))));
        pipeline(1);
        if (steps != 1) {
            pipeline(steps);
        }
        probe();
    }

    private void pipeline(int steps) {
        StringBuilder tasks = new StringBuilder();
        for (int i = 1; i <= steps; i++) {
            tasks.append("  - name: s").append(i).append('\n').append(i == 1 ? "" : "    runAfter: [s" + (i - 1) + "]\n")
                    .append("    taskSpec:\n      steps: [{name: run, image: registry.invalid/sim:1, command: [\"true\"]}]\n");
        }
        ctx.create("apiVersion: %s\nkind: Pipeline\nmetadata: {name: chain-%d, namespace: %s}\nspec:\n  tasks:\n%s"
                .formatted(API_VERSION, steps, namespace(), tasks));
    }

    @Override
    public void submitChain(String run, int steps) {
        ctx.create("{apiVersion: %s, kind: PipelineRun, metadata: {name: %s, namespace: %s}, spec: {pipelineRef: {name: chain-%d}}}"
                .formatted(API_VERSION, run, namespace(), steps));
    }

    @Override
    public long succeeded(String prefix) {
        return count(API_VERSION, "PipelineRun", prefix, run -> {
            Object status = run.getAdditionalProperties().get("status");
            Object conditions = status instanceof Map<?, ?> map ? map.get("conditions") : null;
            if (conditions instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof Map<?, ?> condition && "Succeeded".equals(condition.get("type"))) {
                        Object value = condition.get("status");
                        return "True".equals(value) ? Boolean.TRUE : "False".equals(value) ? Boolean.FALSE : null;
                    }
                }
            }
            return null;
        });
    }

    @Override
    public String step(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? null : PodChainWatcher.parse(labels.get(PIPELINE_RUN) + "/" + labels.get(PIPELINE_TASK), TASK_STEP);
    }
}
