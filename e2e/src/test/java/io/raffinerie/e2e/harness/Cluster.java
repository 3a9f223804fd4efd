package io.raffinerie.e2e.harness;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes cluster the e2e tests run against, one per JVM ({@link #get()}).
 *
 * <p>With {@code KUBECONFIG} in the environment (naming another file than up.sh's kubeconfig), that
 * cluster is used as it is. Otherwise the local KWOK
 * cluster is started, or reused when it already runs, with {@code e2e/cluster/up.sh}, and its kubeconfig
 * ({@code e2e/.work/kubeconfig}, or {@code RAFFINERIE_KUBECONFIG}) is used. Either way {@link #get()} returns
 * once the API server answers and, on the local cluster, the KWOK nodes are Ready.
 *
 * <p>{@link #kubectl(String...)} runs the kubectl built by {@code e2e/tools/build.sh}, never one from the PATH.
 */
public final class Cluster {

    /** Name of the local kwokctl cluster started by {@code e2e/cluster/up.sh}. */
    public static final String LOCAL_CLUSTER_NAME = "raffinerie";

    private static final Duration UP_TIMEOUT = Duration.ofMinutes(40); // a cold up.sh builds Kubernetes first
    private static Cluster instance;

    private final Path e2eDir;
    private final Path toolsBin;
    private final Path kubeconfig;
    private final boolean local;
    private final KubernetesClient client;

    private Cluster() {
        e2eDir = locateE2eDir();
        toolsBin = Path.of(lastLine(script(e2eDir, e2eDir.resolve("tools/build.sh"))));
        String external = System.getenv("KUBECONFIG");
        if (external != null && !external.isBlank()
                && !Path.of(external).toAbsolutePath().normalize().equals(localKubeconfig(e2eDir))) {
            local = false;
            kubeconfig = Path.of(external.split(File.pathSeparator)[0]).toAbsolutePath();
            client = new KubernetesClientBuilder().withConfig(Config.autoConfigure(null)).build();
        } else {
            local = true;
            kubeconfig = Path.of(lastLine(script(e2eDir, e2eDir.resolve("cluster/up.sh")))).toAbsolutePath();
            client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig.toFile())).build();
        }
        waitUntilReady();
    }

    /** The cluster of this test run: started (or found) on first use. */
    public static synchronized Cluster get() {
        if (instance == null) {
            instance = new Cluster();
            Runtime.getRuntime().addShutdownHook(new Thread(instance.client::close, "e2e-cluster-close"));
        }
        return instance;
    }

    /** A client with the cluster's admin credentials. Shared: do not close it. */
    public KubernetesClient client() {
        return client;
    }

    /** The kubeconfig file of the cluster (the first one of {@code KUBECONFIG} for an external cluster). */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /** True for the local KWOK cluster of {@code e2e/cluster/up.sh}, false for one given by {@code KUBECONFIG}. */
    public boolean isLocal() {
        return local;
    }

    /** The directory with kubectl, kwokctl, helm, etcd, ... as built by {@code e2e/tools/build.sh}. */
    public Path toolsBin() {
        return toolsBin;
    }

    /** The {@code e2e} directory of the repository. */
    public Path e2eDir() {
        return e2eDir;
    }

    /** The kwokctl work directory of the local cluster ({@code ~/.kwok/clusters/raffinerie}), if local. */
    public Optional<Path> localClusterDir() {
        if (!local) {
            return Optional.empty();
        }
        String home = Optional.ofNullable(System.getenv("KWOK_WORKDIR"))
                .orElse(System.getProperty("user.home") + "/.kwok");
        return Optional.of(Path.of(home, "clusters", LOCAL_CLUSTER_NAME));
    }

    /** The logs of the local cluster's components (kube-apiserver.log, etcd.log, kwok-controller.log, ...). */
    public Optional<Path> controlPlaneLogsDir() {
        return localClusterDir().map(dir -> dir.resolve("logs")).filter(Files::isDirectory);
    }

    /** The API server's audit log (JSON lines, mutating requests at Metadata level), on the local cluster. */
    public Optional<Path> auditLog() {
        return controlPlaneLogsDir().map(dir -> dir.resolve("audit.log")).filter(Files::isRegularFile);
    }

    /** Runs the built kubectl against this cluster; waits at most two minutes. */
    public ExecResult kubectl(String... args) {
        return kubectl(Duration.ofMinutes(2), null, args);
    }

    /** Runs the built kubectl against this cluster with {@code stdin} as its input (e.g. {@code apply -f -}). */
    public ExecResult kubectlWithInput(String stdin, String... args) {
        return kubectl(Duration.ofMinutes(2), stdin, args);
    }

    /** Runs kubectl as {@code user} (impersonated with --as), with {@code stdin} as its input, or none when null. */
    public ExecResult kubectlAs(String user, String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("--as=" + user));
        command.addAll(Arrays.asList(args));
        return kubectl(Duration.ofMinutes(2), stdin, command.toArray(String[]::new));
    }

    public ExecResult kubectl(Duration timeout, String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(toolsBin.resolve("kubectl").toString());
        if (local) {
            command.add("--kubeconfig=" + kubeconfig);
        }
        command.addAll(Arrays.asList(args));
        return Exec.run(command, Map.of(), stdin, timeout, null);
    }

    /** Runs another tool of {@link #toolsBin()} (kwokctl, helm, ...), with KUBECONFIG pointing at this cluster. */
    public ExecResult tool(String name, String... args) {
        List<String> command = new ArrayList<>();
        command.add(toolsBin.resolve(name).toString());
        command.addAll(Arrays.asList(args));
        return Exec.run(command, Map.of("KUBECONFIG", kubeconfig.toString()), null, Duration.ofMinutes(2), null);
    }

    /**
     * A kubeconfig for this cluster whose only credential is a fresh token of the ServiceAccount
     * {@code namespace/name} (`kubectl create token`): a process using it has exactly that account's rights.
     */
    public Path serviceAccountKubeconfig(String namespace, String name) {
        String token = kubectl("create", "token", name, "-n", namespace, "--duration=2h").assertOk().stdout().trim();
        String server = kubectl("config", "view", "--raw", "--minify", "-o",
                "jsonpath={.clusters[0].cluster.server}").assertOk().stdout().trim();
        String authority = kubectl("config", "view", "--raw", "--minify", "--flatten", "-o",
                "jsonpath={.clusters[0].cluster.certificate-authority-data}").assertOk().stdout().trim();
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: cluster
                    cluster: {server: "%s", certificate-authority-data: "%s"}
                users:
                  - name: %s
                    user: {token: "%s"}
                contexts:
                  - name: sa
                    context: {cluster: cluster, user: %s, namespace: %s}
                current-context: sa
                """.formatted(server, authority, name, token, name, namespace);
        try {
            Path file = e2eDir.resolve("target/kubeconfig-" + namespace + "-" + name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void waitUntilReady() {
        await("API server /readyz").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> "ok".equals(client.raw("/readyz")));
        if (local) {
            await("Ready KWOK nodes").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> client.nodes().withLabel("type", "kwok").list().getItems().stream()
                            .filter(Cluster::isReady).count() >= 2);
        }
    }

    static boolean isReady(Node node) {
        return node.getStatus() != null && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream()
                        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Where up.sh writes the kubeconfig: KUBECONFIG naming this file still means the local cluster. */
    private static Path localKubeconfig(Path e2eDir) {
        String configured = System.getenv("RAFFINERIE_KUBECONFIG");
        Path path = configured != null && !configured.isBlank() ? Path.of(configured) : e2eDir.resolve(".work/kubeconfig");
        return path.toAbsolutePath().normalize();
    }

    private static Path locateE2eDir() {
        String configured = System.getProperty("raffinerie.e2e.dir");
        List<Path> candidates = new ArrayList<>();
        if (configured != null) {
            candidates.add(Path.of(configured));
        }
        Path cwd = Path.of("").toAbsolutePath();
        candidates.add(cwd);
        candidates.add(cwd.resolve("e2e"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate.resolve("cluster/up.sh"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("cannot find the e2e directory (with cluster/up.sh) from " + candidates);
    }

    /** Runs a script of the repository; its progress (stderr) goes to {@code e2e/target/cluster-up.log}. */
    private static ExecResult script(Path e2eDir, Path script) {
        Path log = e2eDir.resolve("target/cluster-up.log");
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.err.println("[e2e] running " + script + " (progress: " + log + ")");
        ExecResult result = Exec.run(List.of(script.toString()), Map.of(), null, UP_TIMEOUT, log);
        if (!result.ok()) {
            String tail;
            try {
                List<String> lines = Files.readAllLines(log);
                tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (java.io.IOException e) {
                tail = "(cannot read " + log + ")";
            }
            throw new IllegalStateException(result.describe() + "\nlast lines of " + log + ":\n" + tail);
        }
        return result;
    }

    private static String lastLine(ExecResult result) {
        String[] lines = result.stdout().strip().split("\n");
        String last = lines[lines.length - 1].strip();
        if (last.isEmpty()) {
            throw new IllegalStateException(result.command() + " printed nothing on stdout");
        }
        return last;
    }
}
