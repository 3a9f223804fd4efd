package io.raffinerie.bench;

import static io.raffinerie.bench.BenchContext.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 7: the work of scenarios 1 and 3 through the other engines, one after the other on the same cluster, each
 * with its controller alone (Raffinerie's operator is stopped by then): Argo Workflows at DEFAULT_REQUEUE_TIME 10 s
 * (its default) and 1 s, and Tekton Pipelines. An engine that cannot start, or whose first run does not succeed,
 * gets a row saying why; the others still run.
 */
final class EngineScenario {
    static final Duration BUILD_TIMEOUT = Duration.ofMinutes(60);
    /** After the last run succeeded, for the controller's last writes (pod labels, Events) to reach the audit log. */
    static final Duration SETTLE = Duration.ofSeconds(3);

    private final BenchContext ctx;

    EngineScenario(BenchContext ctx) {
        this.ctx = ctx;
    }

    void run() {
        Map<String, Path> tools;
        try {
            tools = buildTools();
        } catch (RuntimeException e) {
            log("engines: " + e.getMessage());
            for (String[] engine : new String[][] {{"argo-10s", "Argo Workflows, requeue 10 s"}, {"argo-1s", "Argo Workflows, requeue 1 s"},
                    {"tekton", "Tekton Pipelines"}}) {
                ctx.engines.add(engine[0], engine[1], null).failure = e.getMessage();
            }
            return;
        }
        List<Engine> engines = List.of(new ArgoEngine(ctx, tools.get("argo"), Duration.ofSeconds(10)),
                new ArgoEngine(ctx, tools.get("argo"), Duration.ofSeconds(1)), new TektonEngine(ctx, tools.get("tekton")));
        for (Engine engine : engines) {
            EngineComparison.Figures figures = ctx.engines.add(engine.key(), engine.label(), engine.client());
            try {
                log("engines: " + engine.label());
                engine.start(ctx.scale.steps());
                chains(engine, figures);
                drain(engine, figures);
                figures.memory(engine.pid());
                log("  " + engine.label() + ": step " + figures.step + ", wall " + figures.chainWallSeconds + " s, drain "
                        + figures.drainSeconds + " s, RSS " + figures.rssMiB + " MiB");
            } catch (RuntimeException e) {
                figures.failure = e.getMessage();
                log("  " + engine.label() + " did not run: " + e.getMessage());
            } finally {
                deleteNamespace(engine);
                engine.close();
            }
        }
    }

    private void chains(Engine engine, EngineComparison.Figures figures) {
        int chains = ctx.scale.chains();
        int steps = ctx.scale.steps();
        AuditLog audit = ctx.audit();
        try (PodChainWatcher watcher = new PodChainWatcher(ctx.client, engine.namespace(), "c", engine::step);
                BulkCreator creator = new BulkCreator(8)) {
            long mark = audit.mark();
            List<Runnable> runs = new ArrayList<>();
            for (int chain = 1; chain <= chains; chain++) {
                String name = "c-%03d".formatted(chain);
                runs.add(() -> engine.submitChain(name, steps));
            }
            creator.createAll(runs);
            BenchContext.await(engine.label() + ": every chain succeeded", ChainScenario.TIMEOUT, Duration.ofMillis(500),
                    () -> engine.succeeded("c") >= chains);
            BulkCreator.sleep(SETTLE.toMillis());
            figures.chains(watcher, chains, steps, audit.writesSince(mark, engine.namespace()));
        }
    }

    private void drain(Engine engine, EngineComparison.Figures figures) {
        int runs = ctx.scale.throughputRuns();
        AuditLog audit = ctx.audit();
        long mark = audit.mark();
        double[] drained = ThroughputScenario.drain(runs, i -> engine.submitChain("t-%05d".formatted(i), 1), () -> engine.succeeded("t"));
        BulkCreator.sleep(SETTLE.toMillis());
        figures.runs = runs;
        figures.drainSeconds = drained[1];
        figures.drainWrites = audit.writesSince(mark, engine.namespace());
    }

    /** With the controller still running (its finalizers, if any), so that the next engine starts on a clean cluster. */
    private void deleteNamespace(Engine engine) {
        ctx.client.namespaces().withName(engine.namespace()).delete();
        try {
            BenchContext.await(engine.namespace() + " gone", Duration.ofMinutes(5), Duration.ofSeconds(1),
                    () -> ctx.client.namespaces().withName(engine.namespace()).get() == null);
        } catch (IllegalStateException e) {
            log("  " + e.getMessage());
        }
    }

    /** {@code e2e/tools/build.sh --bench}: builds the engines the first time (long), then only prints their directories. */
    private Map<String, Path> buildTools() {
        Path script = ctx.cluster.e2eDir().resolve("tools/build.sh");
        Path log = ctx.cluster.e2eDir().resolve("target/bench-tools.log");
        log("engines: " + script + " --bench (the first time it builds Argo's and Tekton's controllers; progress: " + log + ")");
        try {
            Process build = new ProcessBuilder(script.toString(), "--bench").redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            String out = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!build.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || build.exitValue() != 0) {
                build.destroyForcibly();
                throw new IllegalStateException("e2e/tools/build.sh --bench failed; see " + log);
            }
            Map<String, Path> dirs = new LinkedHashMap<>();
            for (String line : out.strip().split("\n")) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    dirs.put(line.substring(0, equals), Path.of(line.substring(equals + 1)));
                }
            }
            return dirs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
