package io.raffinerie.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What Argo's and Tekton's controllers share here: a binary and the CRDs of its module source (in the directory
 * {@code build.sh --bench} prints), one namespace for its runs, its configuration and its controller, and a first
 * single-step run that must succeed before any figure is taken.
 */
abstract class GoEngine implements Engine {
    static final Duration PROBE_TIMEOUT = Duration.ofMinutes(2);

    final BenchContext ctx;
    final Path dir;
    EngineProcess process;

    GoEngine(BenchContext ctx, Path dir) {
        this.ctx = ctx;
        this.dir = dir;
    }

    /** The namespace, with its default ServiceAccount (both engines' pods run as it). */
    void createNamespace() {
        ctx.cluster.kubectl("create", "namespace", namespace());
        BenchContext.await("ServiceAccount default in " + namespace(), Duration.ofMinutes(1), Duration.ofMillis(250),
                () -> ctx.client.serviceAccounts().inNamespace(namespace()).withName("default").get() != null);
    }

    /** kubectl apply --server-side of the module source's CRDs, until they are Established. */
    void installCrds() {
        String crds = dir.resolve("crds").toString();
        ctx.cluster.kubectl("apply", "--server-side", "--force-conflicts", "-f", crds).assertOk();
        ctx.cluster.kubectl("wait", "--for", "condition=Established", "--timeout=60s", "-f", crds).assertOk();
    }

    Path log() {
        return ctx.cluster.e2eDir().resolve("target/bench-" + key() + ".log");
    }

    void startProcess(List<String> command, Map<String, String> env) {
        process = EngineProcess.start(command, env, log());
    }

    /** One single-step run, to the end: the engine works on this cluster, or the bench says why not. */
    void probe() {
        try {
            submitChain("probe-001", 1);
            BenchContext.await("its first run to succeed", PROBE_TIMEOUT, Duration.ofMillis(250), () -> {
                process.assertAlive();
                return succeeded("probe") == 1;
            });
        } catch (RuntimeException e) {
            throw new IllegalStateException(e.getMessage() + "; the end of " + log() + ": " + logTail(), e);
        }
    }

    /** The controller's last log lines, for a failure's message. */
    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log());
            String tail = String.join(" ⏎ ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
            return tail.length() > 600 ? tail.substring(tail.length() - 600) : tail;
        } catch (IOException | UncheckedIOException e) {
            return "(no log)";
        }
    }

    MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> resources(
            String apiVersion, String kind) {
        return ctx.client.genericKubernetesResources(apiVersion, kind);
    }

    /** Counts the runs of {@code prefix} that {@code done} says succeeded; throws the first failure's message. */
    long count(String apiVersion, String kind, String prefix, java.util.function.Function<GenericKubernetesResource, Boolean> done) {
        long succeeded = 0;
        for (GenericKubernetesResource run : resources(apiVersion, kind).inNamespace(namespace()).list().getItems()) {
            if (!run.getMetadata().getName().startsWith(prefix + "-")) {
                continue;
            }
            Boolean result = done.apply(run);
            if (Boolean.FALSE.equals(result)) {
                throw new IllegalStateException(label() + ": " + kind + " " + run.getMetadata().getName() + " failed: "
                        + run.getAdditionalProperties().get("status"));
            }
            if (Boolean.TRUE.equals(result)) {
                succeeded++;
            }
        }
        return succeeded;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
