package io.raffinerie.e2e.cli;

import static io.raffinerie.e2e.harness.Raffinerie.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.raffinerie.e2e.harness.Cluster;
import io.raffinerie.e2e.harness.Operator;
import io.raffinerie.e2e.harness.Raffinerie;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * kubectl-raffinerie as a user runs it: the installed launcher (make cli; for the e2e suite cli/target/install, see
 * the Makefile), as its own process, with the cluster's kubeconfig, against the operator as its own process.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliIT {
    static final String NS = "e2e-cli";
    static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(3);
    static final Pattern CREATED = Pattern.compile("run (\\S+) created");

    final Cluster cluster = Cluster.get();
    final Raffinerie raffinerie = new Raffinerie(cluster);
    Path launcher;

    @BeforeAll
    void environment() {
        launcher = cluster.e2eDir().resolve("../cli/target/install/bin/kubectl-raffinerie").normalize();
        assertThat(launcher).as("the installed plugin: run make e2e, or mvn -f cli/pom.xml package && cli/install.sh "
                + "$PWD/cli/target/install").isExecutable();
        Operator.shared();
        raffinerie.environment(NS, null);
        job("extract", "1s", 0, "extract done");
        job("load", "1s", 0, "load done");
        job("broken", "1s", 1, "load: the warehouse refused the connection");
        job("slow", "10m", 0, "slow started");
        job("chatty", "4s", 0, "line one\\nline two\\nline three");
        job("quick", "0s", 0, "quick done");
    }

    @AfterAll
    void cleanUp() {
        raffinerie.deleteEnvironment(NS);
    }

    private void job(String name, String duration, int exitCode, String log) {
        raffinerie.job(NS, name, "bash", """
                script: echo %s
                podMetadata:
                  annotations: {raffinerie.io/sim-duration: "%s", raffinerie.io/sim-exit-code: "%d", raffinerie.io/sim-log: "%s"}
                """.formatted(name, duration, exitCode, log));
    }

    /** daily-sales, whose DAY parameter has no default, with these two steps' jobs (the second after the first). */
    private void dailySales(String first, String second) {
        raffinerie.pipeline(NS, "daily-sales", """
                - {name: extract, jobRef: %s}
                - {name: load, jobRef: %s, dependsOn: [extract]}
                """.formatted(first, second), "parameters: [{name: DAY}]");
    }

    @Test
    void runWatchEndsZeroForASucceedingPipeline() {
        dailySales("extract", "load");
        Result result = cli("run", "daily-sales", "-p", "DAY=2026-11-29", "--watch");
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).contains("extract Succeeded").contains("load Succeeded")
                .containsPattern("run daily-sales-\\S+ Succeeded, 2/2 steps");
        GenericKubernetesResource run = raffinerie.get("DataRun", NS, result.createdRun());
        assertThat(run.<Map<String, String>>get("spec", "parameters")).containsEntry("DAY", "2026-11-29");
    }

    @Test
    void runWatchEndsOneForAFailingPipeline() {
        dailySales("extract", "broken");
        Result result = cli("run", "daily-sales", "-p", "DAY=2026-11-29", "--watch");
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stdout()).contains("load Failed").contains("(exit 1)").containsPattern("run daily-sales-\\S+ Failed");
    }

    @Test
    void runWatchEndsTwoForACancelledPipeline() throws Exception {
        dailySales("slow", "load");
        Path out = Files.createTempFile("cli-watch", ".out");
        Path err = Files.createTempFile("cli-watch", ".err");
        Process watch = process(List.of("run", "daily-sales", "-p", "DAY=2026-11-29", "--watch", "-n", NS), out, err).start();
        try {
            await().atMost(PROCESS_TIMEOUT).until(() -> CREATED.matcher(Files.readString(err)).find());
            Matcher created = CREATED.matcher(Files.readString(err));
            assertThat(created.find()).isTrue();
            raffinerie.await("DataRun", NS, created.group(1), r -> steps(r).stream().anyMatch(s -> "Running".equals(s.get("phase"))));
            Result cancel = cli("cancel", "@latest");
            assertThat(cancel.exitCode()).as(cancel.describe()).isZero();
            assertThat(cancel.stdout()).contains("run " + created.group(1) + ": cancel requested");
            assertThat(watch.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the watch ends with the run").isTrue();
            assertThat(watch.exitValue()).as(Files.readString(out) + Files.readString(err)).isEqualTo(2);
            assertThat(Files.readString(out)).containsPattern("run daily-sales-\\S+ Cancelled");
        } finally {
            watch.destroyForcibly();
        }
    }

    @Test
    void logsFollowsARunningStepToItsEnd() {
        Result started = cli("run", "chatty");
        assertThat(started.exitCode()).as(started.describe()).isZero();
        String run = started.createdRun();
        raffinerie.await("DataRun", NS, run, r -> steps(r).stream().anyMatch(s -> "Running".equals(s.get("phase"))));

        Result logs = cli("logs", run, "-f");

        assertThat(logs.exitCode()).as(logs.describe()).isZero();
        assertThat(logs.stdout()).isEqualTo("line one\nline two\nline three\n");
        assertThat(logs.stderr()).contains("--- step chatty Succeeded (exit 0)");
        assertThat(steps(raffinerie.get("DataRun", NS, run))).as("logs -f returned once the step ended")
                .allSatisfy(s -> assertThat(s.get("phase")).isEqualTo("Succeeded"));
    }

    @Test
    void retryRerunsOnlyTheFailedSteps() {
        dailySales("extract", "broken");
        Result failed = cli("run", "daily-sales", "-p", "DAY=2026-11-29", "--watch");
        assertThat(failed.exitCode()).as(failed.describe()).isEqualTo(1);
        String original = failed.createdRun();
        // The fix: the load step's job now succeeds; --latest reruns with the pipeline and jobs as they are now.
        dailySales("extract", "load");

        Result retry = cli("retry", original, "--latest", "--watch");

        assertThat(retry.exitCode()).as(retry.describe()).isZero();
        String rerun = retry.createdRun();
        GenericKubernetesResource run = raffinerie.get("DataRun", NS, rerun);
        assertThat(run.<String>get("spec", "retryOf")).isEqualTo(original);
        assertThat(steps(run)).extracting(s -> s.get("name") + "=" + s.get("phase") + " reused from " + s.get("reusedFrom"))
                .containsExactly("extract=Succeeded reused from " + original, "load=Succeeded reused from null");
        List<String> jobs = cluster.client().batch().v1().jobs().inNamespace(NS).list().getItems().stream()
                .map(j -> j.getMetadata().getName()).filter(name -> name.startsWith(rerun)).toList();
        assertThat(jobs).as("only the failed step ran again").containsExactly(rerun + "-load");
        Result tree = cli("get", rerun);
        assertThat(tree.stdout()).contains("├─ extract").contains("└─ load");
    }

    @Test
    void completionScriptsAreGenerated() {
        Result bash = cli("completion", "bash");
        assertThat(bash.exitCode()).isZero();
        assertThat(bash.stdout()).contains("complete -F _complete_kubectl-raffinerie").contains("retry").contains("--since");
        Result zsh = cli("completion", "zsh");
        assertThat(zsh.exitCode()).isZero();
        assertThat(zsh.stdout()).startsWith("#compdef kubectl-raffinerie").contains("bashcompinit");
    }

    @Test
    void errorsNameTheProblemAndWhatToDo() {
        dailySales("extract", "load");
        Result unknown = cli("run", "daily-sale", "-p", "DAY=2026-11-29");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.stderr()).contains("no job or pipeline daily-sale in namespace " + NS)
                .contains("did you mean \"daily-sales\"?");
        Result missing = cli("run", "daily-sales");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.stderr()).contains("pipeline daily-sales requires a value for DAY").contains("-p NAME=VALUE");

        cluster.client().resource(new ServiceAccountBuilder().withNewMetadata().withName("nobody").withNamespace(NS).endMetadata()
                .build()).serverSideApply();
        Path kubeconfig = cluster.serviceAccountKubeconfig(NS, "nobody");
        Result forbidden = run(kubeconfig, List.of("run", "daily-sales", "-p", "DAY=2026-11-29", "-n", NS));
        assertThat(forbidden.exitCode()).as(forbidden.describe()).isEqualTo(4);
        assertThat(forbidden.stderr()).contains("forbidden: system:serviceaccount:" + NS + ":nobody may not get")
                .contains("RBAC verb \"get\" on resource \"datapipelines.raffinerie.io\"");
    }

    /** The start time: --help, and get of a run with 50 steps (wall time, 5 runs each, median), in e2e/target. */
    @Test
    void startTimeOfHelpAndOfGetOnARunWithFiftySteps() throws IOException {
        String stepsYaml = IntStream.rangeClosed(1, 50).mapToObj(i -> "- {name: s" + i + ", jobRef: quick}")
                .collect(Collectors.joining("\n"));
        raffinerie.pipeline(NS, "fifty", stepsYaml, null);
        raffinerie.run(NS, "fifty-1", "pipelineRef", "fifty", null);
        raffinerie.awaitPhase(NS, "fifty-1", "Succeeded");

        List<Long> help = new ArrayList<>();
        List<Long> get = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            assertThat(cli("--help").exitCode()).isZero();
            help.add((System.nanoTime() - start) / 1_000_000);
            start = System.nanoTime();
            Result tree = cli("get", "fifty-1");
            get.add((System.nanoTime() - start) / 1_000_000);
            assertThat(tree.exitCode()).as(tree.describe()).isZero();
            assertThat(tree.stdout().lines()).hasSize(52);
        }
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        String report = "kubectl-raffinerie wall time, median of 5 (ms): --help " + median(help) + " " + help + "; get of a 50-step run "
                + median(get) + " " + get + "; load average " + load + "\n";
        Path file = cluster.e2eDir().resolve("target/cli-timings.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.print(report);
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private Result cli(String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        if (!List.of("--help", "completion").contains(args[0])) {
            command.addAll(List.of("-n", NS));
        }
        return run(cluster.kubeconfig(), command);
    }

    private Result run(Path kubeconfig, List<String> args) {
        try {
            Path out = Files.createTempFile("cli", ".out");
            Path err = Files.createTempFile("cli", ".err");
            try {
                ProcessBuilder builder = process(args, out, err);
                builder.environment().put("KUBECONFIG", kubeconfig.toString());
                Process process = builder.start();
                if (!process.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("kubectl-raffinerie " + args + " did not end within " + PROCESS_TIMEOUT + ": "
                            + Files.readString(out) + Files.readString(err));
                }
                return new Result(args, process.exitValue(), Files.readString(out), Files.readString(err));
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

    private ProcessBuilder process(List<String> args, Path out, Path err) {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("KUBECONFIG", cluster.kubeconfig().toString());
        return builder;
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
