package io.raffinerie.e2e.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.Raffinerie;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kubectl-raffinerie as a user runs it: the installed launcher (make cli; for the e2e suite cli/target/install, which
 * {@code make e2e} builds, see the Makefile), as its own process, with the cluster's kubeconfig.
 */
final class Plugin {
    static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(3);
    static final Pattern CREATED = Pattern.compile("run (\\S+) created");

    final Cluster cluster;
    final String namespace;
    /** cli/target/install/bin: kubectl-raffinerie and kubectl_complete-raffinerie. */
    final Path bin;

    Plugin(Cluster cluster, String namespace) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.bin = cluster.e2eDir().resolve("../cli/target/install/bin").normalize();
        assertThat(bin.resolve("kubectl-raffinerie")).as("the installed plugin: run make e2e, or mvn -f cli/pom.xml package"
                + " && cli/install.sh $PWD/cli/target/install").isExecutable();
    }

    Path launcher() {
        return bin.resolve("kubectl-raffinerie");
    }

    /** The environment of a shell where the plugin is installed: its bin and the built kubectl on the PATH, the kubeconfig. */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", bin + ":" + cluster.toolsBin() + ":" + System.getenv("PATH"));
        env.put("KUBECONFIG", cluster.kubeconfig().toString());
        return env;
    }

    /** The plugin with these arguments, in the test's namespace (but for --help and completion). */
    Result cli(String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        if (!List.of("--help", "completion").contains(args[0])) {
            command.addAll(List.of("-n", namespace));
        }
        return run(cluster.kubeconfig(), command);
    }

    Result run(Path kubeconfig, List<String> args) {
        List<String> command = new ArrayList<>(List.of(launcher().toString()));
        command.addAll(args);
        return exec(command, Map.of("KUBECONFIG", kubeconfig.toString()));
    }

    /** Any command, with the plugin's environment and {@code env} on top; waits for it. */
    Result exec(List<String> command, Map<String, String> env) {
        try {
            Path out = Files.createTempFile("cli", ".out");
            Path err = Files.createTempFile("cli", ".err");
            try {
                ProcessBuilder builder = process(command, out, err);
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(command + " did not end within " + PROCESS_TIMEOUT + ": "
                            + Files.readString(out) + Files.readString(err));
                }
                return new Result(command.subList(1, command.size()), process.exitValue(), Files.readString(out),
                        Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The plugin's process with these arguments, not started, its output to these files. */
    ProcessBuilder process(List<String> command, Path out, Path err) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment());
        return builder;
    }

    /** A bash job that the node simulates: it lasts {@code duration}, exits with {@code exitCode} and logs {@code log}. */
    static void simulatedJob(Raffinerie raffinerie, String namespace, String name, String duration, int exitCode, String log) {
        raffinerie.job(namespace, name, "bash", """
                script: echo %s
                podMetadata:
                  annotations: {raffinerie.io/sim-duration: "%s", raffinerie.io/sim-exit-code: "%d", raffinerie.io/sim-log: "%s"}
                """.formatted(name, duration, exitCode, log));
    }

    record Result(List<String> args, int exitCode, String stdout, String stderr) {
        String describe() {
            return "kubectl-raffinerie " + String.join(" ", args) + " exited " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n"
                    + stderr;
        }

        /** The run the command created, from its "run NAME created" line. */
        String createdRun() {
            Matcher matcher = CREATED.matcher(stderr + stdout);
            assertThat(matcher.find()).as(describe()).isTrue();
            return matcher.group(1);
        }
    }
}
