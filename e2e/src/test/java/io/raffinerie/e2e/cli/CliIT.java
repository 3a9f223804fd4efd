package io.raffinerie.e2e.cli;

import static io.raffinerie.e2e.harness.Raffinerie.steps;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.raffinerie.e2e.cli.Plugin.Result;
import io.raffinerie.e2e.harness.Raffinerie;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kubectl-raffinerie as a user runs it (see {@link Plugin}), against the operator as its own process: a watched run's
 * exit code, logs -f, retry, error messages. Completion: CliCompletionIT; -n, --context
 * and -o of every command: CliOutputIT; the start time: CliTimingIT.
 */
class CliIT extends PluginSuite {
    static final String NS = "e2e-cli";
    static final Duration PROCESS_TIMEOUT = Plugin.PROCESS_TIMEOUT;
    static final Pattern CREATED = Plugin.CREATED;

    CliIT() {
        super(NS);
    }

    @BeforeAll
    void fixtures() {
        job("extract", "1s", 0, "extract done");
        job("load", "1s", 0, "load done");
        job("broken", "1s", 1, "load: the warehouse refused the connection");
        job("slow", "10m", 0, "slow started");
        job("chatty", "4s", 0, "line one\\nline two\\nline three");
    }

    private void job(String name, String duration, int exitCode, String log) {
        Plugin.simulatedJob(raffinerie, NS, name, duration, exitCode, log);
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
    void errorsNameTheProblemAndWhatToDo() {
        dailySales("extract", "load");
        Result unknown = cli("run", "daily-sale", "-p", "DAY=2026-11-29");
        assertThat(unknown.exitCode()).isEqualTo(3);
        assertThat(unknown.stderr()).contains("no job or pipeline daily-sale in namespace " + NS)
                .contains("did you mean \"daily-sales\"?")
                .contains("jobs: broken, chatty, extract, load, slow; pipelines: daily-sales");
        Result missing = cli("run", "daily-sales");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.stderr()).contains("pipeline daily-sales requires a value for DAY").contains("-p NAME=VALUE");

        cluster.client().resource(new ServiceAccountBuilder().withNewMetadata().withName("nobody").withNamespace(NS).endMetadata()
                .build()).serverSideApply();
        Path kubeconfig = cluster.serviceAccountKubeconfig(NS, "nobody");
        Result forbidden = run(kubeconfig, List.of("run", "daily-sales", "-p", "DAY=2026-11-29", "-n", NS));
        assertThat(forbidden.exitCode()).as(forbidden.describe()).isEqualTo(4);
        assertThat(forbidden.stderr()).contains("forbidden: system:serviceaccount:" + NS + ":nobody may not get")
                .contains("RBAC verb \"get\" on resource \"datapipelines.raffinerie.io\"")
                .contains("check with: kubectl auth can-i get datapipelines.raffinerie.io -n " + NS);
    }

    private Result cli(String... args) {
        return plugin.cli(args);
    }

    private Result run(Path kubeconfig, List<String> args) {
        return plugin.run(kubeconfig, args);
    }

    private ProcessBuilder process(List<String> args, Path out, Path err) {
        List<String> command = new ArrayList<>(List.of(plugin.launcher().toString()));
        command.addAll(args);
        return plugin.process(command, out, err);
    }
}
