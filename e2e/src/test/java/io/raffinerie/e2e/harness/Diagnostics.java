package io.raffinerie.e2e.harness;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * What a failed test leaves in {@code e2e/target/diagnostics/<test>/}: the namespace's events, pods and
 * other objects, the nodes, the control plane's logs (local cluster) and every registered operator log.
 */
public final class Diagnostics {

    /** Logs bigger than this are cut to their last bytes when copied. */
    private static final long MAX_LOG_BYTES = 4L * 1024 * 1024;

    private static final List<Path> OPERATOR_LOGS = new CopyOnWriteArrayList<>();

    private Diagnostics() {
    }

    /**
     * Registers a log file (e.g. the output of an operator process a suite started) to be copied into the
     * diagnostics of every test that fails from now on. Idempotent.
     */
    public static void registerOperatorLog(Path log) {
        Path absolute = log.toAbsolutePath().normalize();
        if (!OPERATOR_LOGS.contains(absolute)) {
            OPERATOR_LOGS.add(absolute);
        }
    }

    public static void unregisterOperatorLog(Path log) {
        OPERATOR_LOGS.remove(log.toAbsolutePath().normalize());
    }

    public static List<Path> operatorLogs() {
        return List.copyOf(OPERATOR_LOGS);
    }

    /** The directory for the diagnostics of one test. */
    public static Path directoryFor(Cluster cluster, String testId) {
        return cluster.e2eDir().resolve("target/diagnostics").resolve(testId.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** Collects everything into {@code dir}; never throws (a failure is written into the directory instead). */
    public static Path collect(Cluster cluster, String namespace, Path dir) {
        try {
            Files.createDirectories(dir);
            if (namespace != null) {
                save(dir, "events.txt", cluster.kubectl("get", "events", "-n", namespace,
                        "--sort-by=.metadata.creationTimestamp", "-o", "wide"));
                save(dir, "pods.txt", cluster.kubectl("get", "pods", "-n", namespace, "-o", "wide", "--show-labels"));
                save(dir, "pods.yaml", cluster.kubectl("get", "pods", "-n", namespace, "-o", "yaml"));
                save(dir, "describe-pods.txt", cluster.kubectl("describe", "pods", "-n", namespace));
                save(dir, "objects.yaml", cluster.kubectl("get",
                        "jobs,cronjobs,deployments,configmaps,secrets,serviceaccounts,roles,rolebindings,events",
                        "-n", namespace, "-o", "yaml"));
            }
            save(dir, "nodes.txt", cluster.kubectl("get", "nodes", "-o", "wide"));
            cluster.controlPlaneLogsDir().ifPresent(logs -> copyTree(logs, dir.resolve("control-plane")));
            for (Path log : OPERATOR_LOGS) {
                copyTail(log, dir.resolve("operator").resolve(log.getFileName().toString()));
            }
        } catch (RuntimeException | IOException e) {
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("collect-error.txt"), e.toString(), StandardCharsets.UTF_8);
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
        return dir;
    }

    private static void save(Path dir, String name, ExecResult result) throws IOException {
        String content = result.ok() ? result.stdout() : result.describe();
        Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            files.filter(Files::isRegularFile).forEach(file -> copyTail(file, to.resolve(file.getFileName().toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a file, or only its last {@link #MAX_LOG_BYTES} bytes when it is bigger. */
    static void copyTail(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            if (!Files.exists(from)) {
                Files.writeString(to, "(" + from + " does not exist)\n");
                return;
            }
            try (RandomAccessFile in = new RandomAccessFile(from.toFile(), "r")) {
                long length = in.length();
                long start = Math.max(0, length - MAX_LOG_BYTES);
                in.seek(start);
                byte[] bytes = new byte[(int) (length - start)];
                in.readFully(bytes);
                Files.write(to, bytes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from, e);
        }
    }
}
