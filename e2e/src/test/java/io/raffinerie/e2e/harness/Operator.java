package io.raffinerie.e2e.harness;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The operator as its own process (the packaged Quarkus application, target/quarkus-app), against the e2e
 * cluster: installed the way a user installs it (CRDs and roles with kubectl), started, killed with SIGKILL,
 * restarted. Its log is registered for the diagnostics of failed tests.
 */
public final class Operator {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static Operator shared;
    public static final String ALLOWED_DESTINATIONS = "RAFFINERIE_ALERTS_ALLOWED_DESTINATIONS";
    /** Where WebhookRecorder listens. */
    public static final String WEBHOOK_RECORDER = "127.0.0.1/32";

    private final Cluster cluster;
    private final Path jar;
    private final int httpPort;
    private final Path kubeconfig;
    private final Map<String, String> extraEnv;
    private Process process;
    private Path log;
    private int starts;

    private Operator(Cluster cluster, int httpPort, Path kubeconfig, Map<String, String> extraEnv) {
        this.cluster = cluster;
        this.jar = cluster.e2eDir().getParent().resolve("target/quarkus-app/quarkus-run.jar");
        this.httpPort = httpPort;
        this.kubeconfig = kubeconfig;
        this.extraEnv = extraEnv;
    }

    /** The operator every e2e suite shares: installed and started once, stopped when the JVM exits. */
    public static synchronized Operator shared() {
        if (shared == null) {
            Cluster cluster = Cluster.get();
            install(cluster);
            // The suites' webhook receivers (WebhookRecorder) listen on 127.0.0.1, which alerts may not reach unless
            // allowed: allowed here for that one address, as a chart would with alerts.allowedDestinations.
            // It runs as the kubeconfig's admin, yet binds each environment's raffinerie-secret-reader to the chart's
            // ServiceAccount, as in a cluster, so that suites can check what that account may read.
            shared = new Operator(cluster, sharedPort(), cluster.kubeconfig(), Map.of(ALLOWED_DESTINATIONS, WEBHOOK_RECORDER,
                    "RAFFINERIE_SERVICE_ACCOUNT", "raffinerie-operator"));
            shared.start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    /** 18080, or RAFFINERIE_E2E_OPERATOR_PORT: two e2e runs on one machine (each with its own cluster) must not collide. */
    static int sharedPort() {
        String port = System.getenv("RAFFINERIE_E2E_OPERATOR_PORT");
        return port == null || port.isBlank() ? 18080 : Integer.parseInt(port.trim());
    }

    /**
     * The HTTP port of a suite's own operator number {@code n}: 18090 + n, or RAFFINERIE_E2E_PORT_BASE + n, so that two
     * e2e runs on one machine (each with its own cluster) do not collide.
     */
    public static int separatePort(int n) {
        String base = System.getenv("RAFFINERIE_E2E_PORT_BASE");
        return (base == null || base.isBlank() ? 18090 : Integer.parseInt(base.trim())) + n;
    }

    /** The address of the operator's HTTP port (metrics, health, dashboard). */
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /**
     * Stops the shared operator, if it runs, for a suite that runs its own (two operators would reconcile the same
     * resources); {@link #restoreShared} reinstalls what that suite may have removed and restarts it.
     */
    public static synchronized boolean pauseShared() {
        boolean running = shared != null && shared.isAlive();
        if (running) {
            shared.stop();
        }
        return running;
    }

    public static synchronized void restoreShared(boolean start) {
        install(Cluster.get());
        if (start) {
            shared.start();
        }
    }

    /**
     * An operator of its own, not started: authenticated by {@code kubeconfig} (for example a ServiceAccount
     * token's), with more environment variables (for example RAFFINERIE_LEADER_ELECTION_ENABLED).
     */
    public static Operator separate(Cluster cluster, int httpPort, Path kubeconfig, Map<String, String> extraEnv) {
        Operator operator = new Operator(cluster, httpPort, kubeconfig, extraEnv);
        Runtime.getRuntime().addShutdownHook(new Thread(operator::kill));
        return operator;
    }

    /** CRDs and the environment roles, as `kubectl apply` installs them. */
    public static void install(Cluster cluster) {
        Path root = cluster.e2eDir().getParent();
        cluster.kubectl("apply", "--server-side", "-f", root.resolve("crds").toString()).assertOk();
        cluster.kubectl("wait", "--for", "condition=Established", "--timeout=60s", "-f", root.resolve("crds").toString()).assertOk();
        cluster.kubectl("apply", "--server-side", "-f", root.resolve("operator/environment-roles.yaml").toString()).assertOk();
        cluster.kubectl("apply", "--server-side", "-f", root.resolve("operator/secret-reference-policy.yaml").toString()).assertOk();
        cluster.kubectl("apply", "--server-side", "-f", root.resolve("operator/spark-pod-policy.yaml").toString()).assertOk();
        cluster.kubectl("apply", "--server-side", "-f", root.resolve("operator/promotion-identity-policy.yaml").toString()).assertOk();
        // The technology catalog the chart ships, and its lifecycle warnings.
        cluster.kubectl("apply", "--server-side", "-f", root.resolve("operator/technologies.yaml").toString()).assertOk();
        cluster.kubectl("apply", "--server-side", "-f", root.resolve("operator/technology-lifecycle-policy.yaml").toString()).assertOk();
        // The operator's namespace, where it publishes the Spark images that policy admits (already there: fine).
        cluster.kubectl("create", "namespace", "raffinerie-system");
    }

    /** Starts the operator and waits until it reports ready (a standby replica is ready too). */
    public synchronized void start() {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the operator first (make build)");
        }
        starts++;
        log = cluster.e2eDir().resolve("target/operator-" + httpPort + "-" + starts + ".log");
        try {
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx512m", "-Dquarkus.http.port=" + httpPort,
                    "-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("KUBECONFIG", kubeconfig.toString());
            builder.environment().put("POD_NAMESPACE", "raffinerie-system");
            builder.environment().putAll(extraEnv);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Diagnostics.registerOperatorLog(log);
        await().atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(this::isReady);
    }

    /** SIGKILL: no shutdown hook, no lease release, nothing flushed. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor();
        }
    }

    /** SIGTERM: a graceful shutdown. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    /** The operator's process id, for jcmd and /proc (the benchmarks read its heap and RSS). */
    public long pid() {
        return process.pid();
    }

    /** The HTTP port of /q/metrics and /q/health. */
    public int httpPort() {
        return httpPort;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** What this operator process logged since its last start. */
    public String log() {
        try {
            return log == null ? "" : Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The operator's Prometheus metrics. */
    public String metrics() {
        return get("/q/metrics");
    }

    private boolean isReady() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the operator exited with " + process.exitValue() + "; see its log");
        }
        try {
            return get("/q/health/ready").contains("\"UP\"");
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private String get(String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void waitFor() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
