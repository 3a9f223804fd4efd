package io.raffinerie.bench;

import static io.raffinerie.bench.BenchContext.log;

import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.Raffinerie;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code make bench}: the benchmark suite against the local cluster (or KUBECONFIG), the operator as its own process.
 * BENCH_SCALE=full (default) or small. Writes e2e/bench/results/bench-<scale>.{json,md} and the table in docs/benchmarks.md.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws IOException {
        long start = System.nanoTime();
        BenchScale scale = BenchScale.fromEnvironment();
        BenchReport report = new BenchReport();
        Cluster cluster = Cluster.get();
        Operator.install(cluster);
        try (BenchContext ctx = new BenchContext(scale, cluster, report)) {
            try {
                run(ctx, scale);
            } finally { // the engines' table also when a later scenario failed
                if (!ctx.engines.isEmpty()) {
                    report.result("engines", "figures", ctx.engines.toMap());
                    report.engines(ctx.engines.markdown(scale.chains(), scale.steps()));
                }
            }
        } finally {
            report.environment("totalSeconds", Math.round((System.nanoTime() - start) / 1e9));
            Path results = cluster.e2eDir().resolve("bench/results");
            report.write(results, scale.name());
            report.updateReadme(cluster.e2eDir().getParent().resolve("docs/benchmarks.md"), scale.name());
            log("done in " + Math.round((System.nanoTime() - start) / 1e9) + " s: " + results.resolve("bench-" + scale.name() + ".md"));
            System.out.print(report.markdown());
        }
        System.exit(0); // informer threads of the harness's client
    }

    private static void run(BenchContext ctx, BenchScale scale) throws IOException {
        describe(ctx);
        if (scale.runs("chains") || scale.runs("throughput") || scale.runs("api")) {
            ctx.startOperator(Map.of());
        }
        cleanUp(ctx, true);
        if (scale.runs("chains")) {
            new ChainScenario(ctx).run();
        }
        if (scale.runs("throughput")) {
            new ThroughputScenario(ctx).run();
        }
        if (scale.runs("api")) {
            new ApiEfficiency(ctx).restartAndResync();
        }
        if (scale.runs("engines")) {
            ctx.stopOperator(); // each engine's controller alone
            new EngineScenario(ctx).run();
        }
        if (scale.runs("scale")) {
            // The objects of 1-3 stay (deleting their namespaces takes minutes here): the heap is read before the
            // scale objects too, and the marginal figures are differences.
            ctx.startOperator(Map.of());
            new ScaleScenario(ctx).run();
        }
        cleanUp(ctx, false);
    }

    /** Removes what an earlier run left: the environments (their namespaces go with them) and the baseline's namespace. */
    static void cleanUp(BenchContext ctx, boolean wait) {
        if (ctx.operator == null) { // BENCH_SCENARIOS=engines: the other engines' namespaces only
            ctx.client.namespaces().list().getItems().stream().map(ns -> ns.getMetadata().getName())
                    .filter(Bench::isEngineNamespace).forEach(name -> ctx.client.namespaces().withName(name).delete());
            BenchContext.await("the engines' namespaces gone", Duration.ofMinutes(5), Duration.ofSeconds(1), () ->
                    ctx.client.namespaces().list().getItems().stream().noneMatch(ns -> isEngineNamespace(ns.getMetadata().getName())));
            return;
        }
        ctx.list("DataEnvironment", null).stream().filter(e -> e.getMetadata().getName().startsWith("bench-"))
                .forEach(e -> ctx.raffinerie.deleteEnvironment(e.getMetadata().getName()));
        ctx.client.namespaces().withName(ChainScenario.BASELINE_NAMESPACE).delete();
        ctx.client.namespaces().list().getItems().stream().map(ns -> ns.getMetadata().getName())
                .filter(Bench::isEngineNamespace)
                .forEach(name -> ctx.client.namespaces().withName(name).delete());
        if (!wait) {
            return;
        }
        BenchContext.await("bench namespaces gone", Duration.ofMinutes(5), Duration.ofSeconds(1), () ->
                ctx.client.namespaces().list().getItems().stream().noneMatch(ns -> ns.getMetadata().getName().startsWith("bench-"))
                        && ctx.list("DataEnvironment", null).stream().noneMatch(e -> e.getMetadata().getName().startsWith("bench-")));
    }

    static boolean isEngineNamespace(String name) {
        return name.startsWith("bench-argo-") || name.equals("bench-tekton");
    }

    /** The machine, the versions and the operator's settings, for the report. */
    static void describe(BenchContext ctx) throws IOException {
        BenchReport report = ctx.report;
        report.environment("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        report.environment("scale", ctx.scale.name() + (ctx.scale.only().isEmpty() ? "" : " " + ctx.scale.only()));
        String cpu = grep(Path.of("/proc/cpuinfo"), "model name\\s*:\\s*(.+)");
        long memKb = Long.parseLong(grep(Path.of("/proc/meminfo"), "MemTotal:\\s+(\\d+) kB"));
        report.environment("machine", "%d cores, %.1f GiB, %s, load average %s".formatted(Runtime.getRuntime().availableProcessors(),
                memKb / 1024.0 / 1024.0, cpu, Files.readString(Path.of("/proc/loadavg")).split(" ", 2)[0]));
        Path lib = ctx.cluster.e2eDir().getParent().resolve("target/quarkus-app/lib/main");
        report.environment("versions", "Java %s, Kubernetes %s (KWOK), Quarkus %s, JOSDK %s, fabric8 %s".formatted(
                System.getProperty("java.version"), ctx.client.getKubernetesVersion().getGitVersion(),
                jarVersion(lib, "io.quarkus.quarkus-core-"), jarVersion(lib, "io.javaoperatorsdk.operator-framework-core-"),
                jarVersion(lib, "io.fabric8.kubernetes-client-api-")));
        Properties properties = new Properties();
        properties.load(Files.newBufferedReader(ctx.cluster.e2eDir().getParent().resolve("src/main/resources/application.properties")));
        String source = Files.readString(ctx.cluster.e2eDir().getParent()
                .resolve("src/main/java/io/raffinerie/operator/common/KubernetesClientProducer.java"));
        report.environment("operatorSettings", ("%s reconciliation threads, client: QPS/burst limiter off (RAFFINERIE_CLIENT_QPS unset), "
                + "%s concurrent requests per host, -Xmx512m").formatted(
                properties.getProperty("quarkus.operator-sdk.concurrent-reconciliation-threads", "50 (JOSDK default)"),
                match(source, "MAX_REQUESTS_PER_HOST = (\\d+)")));
        report.environment("apiVersion", Raffinerie.API_VERSION);
    }

    private static String jarVersion(Path lib, String prefix) throws IOException {
        try (var files = Files.list(lib)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix))
                    .map(n -> n.substring(prefix.length(), n.length() - ".jar".length())).findFirst().orElse("?");
        }
    }

    private static String grep(Path file, String regex) throws IOException {
        return match(Files.readString(file), regex);
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1).trim() : "?";
    }
}
