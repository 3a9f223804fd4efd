package io.raffinerie.e2e.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.Examples;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.Raffinerie;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The README's five-minute tour, run as written (ReadmeTour reads its commands from README.md) in bash on the e2e
 * cluster after `make run`'s state: the operator and examples/, with the example runs Succeeded. A command must exit 0
 * unless the README shows what it prints (a refusal, a condition): then its output must contain that, in time (the
 * operator decides asynchronously). Two liberties: the tour's `export KUBECONFIG=...` is the test's own cluster, and
 * a watch (`get ... -w`) is stopped once the run the tour created shows Succeeded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadmeTourIT {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern CREATED = Pattern.compile("datarun\\.raffinerie\\.io/(\\S+) created");
    private static final Path NO_WORKSPACE = Path.of("/nonexistent/raffinerie-e2e-workspace");

    final Cluster cluster = Cluster.get();
    final Path root = cluster.e2eDir().getParent();
    final Examples examples = new Examples(cluster, root, "e2e-tour-daily-sales-workspace");
    final Raffinerie raffinerie = new Raffinerie(cluster);
    private final Path pluginBin = root.resolve("cli/target/install/bin");

    @BeforeAll
    void afterMakeRun() {
        assertThat(pluginBin.resolve("kubectl-raffinerie")).as("the installed plugin: run make e2e, or mvn -f cli/pom.xml"
                + " package && cli/install.sh $PWD/cli/target/install").isExecutable();
        Operator.shared();
        examples.applyAsGitOps(NO_WORKSPACE, () -> { });
        examples.awaitEverySucceeded();
    }

    @AfterAll
    void removeExamples() {
        examples.remove();
    }

    @Test
    void theTourRunsAsWritten() throws IOException {
        List<ReadmeTour.Step> steps = ReadmeTour.steps(Files.readAllLines(root.resolve("README.md")));
        assertThat(steps).as("the tour's commands").hasSizeGreaterThanOrEqualTo(8);
        assertThat(steps.get(0).command()).as("the tour starts with the cluster's kubeconfig").startsWith("export KUBECONFIG=");
        String created = null;
        for (ReadmeTour.Step step : steps.subList(1, steps.size())) {
            if (step.watches()) {
                assertThat(created).as("%s: a run the tour created before", step).isNotNull();
                String run = created;
                Result watched = run(step, out -> out.lines().anyMatch(l -> l.contains(run) && l.contains("Succeeded")));
                assertThat(watched.output().lines().filter(l -> l.contains(run) && l.contains("Succeeded")))
                        .as("%s: the run's last line\n%s", step, watched.output()).anyMatch(l -> l.contains("4/4"));
            } else if (step.expected().isEmpty()) {
                Result result = run(step, null);
                assertThat(result.exitCode()).as("%s exited %d:\n%s", step, result.exitCode(), result.output()).isZero();
                Matcher matcher = CREATED.matcher(result.output());
                if (matcher.find()) {
                    created = matcher.group(1);
                }
            } else {
                await(step.toString()).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> assertThat(run(step, null).output()).as(step.toString())
                                .contains(step.expected()));
            }
        }
    }

    record Result(int exitCode, String output) {
    }

    /** Runs the step in bash from the repository's root; with {@code until}, stops it once its output satisfies that. */
    private Result run(ReadmeTour.Step step, Predicate<String> until) {
        try {
            Path out = Files.createTempFile("tour", ".out");
            try {
                ProcessBuilder builder = new ProcessBuilder("bash", "-c", step.command()).directory(root.toFile())
                        .redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(new File("/dev/null"));
                builder.environment().put("KUBECONFIG", cluster.kubeconfig().toString());
                builder.environment().put("PATH", pluginBin + ":" + cluster.toolsBin() + ":" + System.getenv("PATH"));
                Process process = builder.start();
                long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
                while (!process.waitFor(500, TimeUnit.MILLISECONDS)) {
                    if (until != null && until.test(Files.readString(out))) {
                        process.destroy();
                        process.waitFor(10, TimeUnit.SECONDS);
                        String output = Files.readString(out);
                        System.out.printf("%s%n  stopped: %s%n", step, output.strip().replace("\n", "\n  "));
                        return new Result(0, output);
                    }
                    if (System.nanoTime() > deadline) {
                        process.destroyForcibly();
                        throw new AssertionError(step + ": did not end within " + COMMAND_TIMEOUT + ":\n" + Files.readString(out));
                    }
                }
                String output = Files.readString(out);
                System.out.printf("%s%n  exit %d: %s%n", step, process.exitValue(), output.strip().replace("\n", "\n  "));
                assertThat(until == null || until.test(output)).as("%s ended before showing what the tour says:\n%s", step, output)
                        .isTrue();
                return new Result(process.exitValue(), output);
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new AssertionError(step + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(step + ": interrupted", e);
        }
    }
}
