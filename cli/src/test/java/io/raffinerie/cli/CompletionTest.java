package io.raffinerie.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.cli.Completer.Candidate;
import io.raffinerie.cli.Completer.Words;
import io.raffinerie.cli.CompletionNames.Kind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CompletionTest {
    /** What the completer asked the cluster for: the kind of names, and the words as the command sees them. */
    final List<String> asked = new ArrayList<>();

    final Completer completer = new Completer(Main.commandLine().getCommandSpec(), (kind, words) -> {
        asked.add(kind + " " + words.positionals() + " ns=" + words.option("--namespace") + " kind=" + words.option("--kind"));
        return switch (kind) {
            case TARGETS -> List.of(new Candidate("daily-sales", "pipeline"), new Candidate("extract", "job"));
            case RUNS -> List.of(new Candidate("@latest", "the newest"), new Candidate("daily-sales-x7k2p", "Failed"));
            case PARAMETERS -> List.of(new Candidate("DAY=", "required"), new Candidate("REGION=", "default: eu"));
            default -> List.of(new Candidate(kind.name().toLowerCase(), null));
        };
    });

    List<String> values(String... words) {
        return completer.candidates(List.of(words)).stream().map(Candidate::value).toList();
    }

    @Test
    void theFirstWordCompletesToTheSubcommandsWithTheirDescriptions() {
        assertThat(values("")).containsExactly("run", "logs", "get", "list", "cancel", "retry", "envs", "tech", "history", "diff",
                "completion");
        assertThat(values("re")).containsExactly("retry");
        assertThat(completer.complete(List.of("ru"))).containsExactly("run\tStart a run of a job or a pipeline (a new DataRun).",
                ":" + Completer.NO_FILE_COMPLETION);
        assertThat(asked).as("no cluster call for a subcommand").isEmpty();
    }

    @Test
    void optionsCompleteToTheirNamesAndFixedValuesWithoutTheCluster() {
        assertThat(values("get", "--")).contains("--namespace", "--context", "--output", "--help").doesNotContain("--watch");
        assertThat(values("run", "x", "--w")).containsExactly("--watch");
        assertThat(values("get", "-o", "json", "-")).as("an option given once is not offered again")
                .contains("-n", "--context").doesNotContain("-o", "--output");
        assertThat(values("get", "-o", "")).containsExactly("json", "yaml", "wide");
        assertThat(values("list", "--output=y")).as("cobra's way: the shell keeps --output=").containsExactly("yaml");
        assertThat(values("list", "")).containsExactly("runs", "jobs", "pipelines");
        assertThat(values("list", "jobs", "")).as("list takes one kind").isEmpty();
        assertThat(values("run", "--kind", "")).containsExactly("job", "pipeline");
        assertThat(values("completion", "")).containsExactly("bash", "zsh");
        assertThat(asked).isEmpty();
    }

    @Test
    void positionalsCompleteToTheNamesInTheClusterOfTheNamespaceTyped() {
        assertThat(values("run", "-n", "sales-dev", "")).containsExactly("daily-sales", "extract");
        assertThat(values("run", "--kind", "job", "d")).containsExactly("daily-sales");
        assertThat(values("get", "daily")).containsExactly("daily-sales-x7k2p");
        assertThat(values("logs", "--namespace=sales-dev", "@")).containsExactly("@latest");
        assertThat(asked).containsExactly("TARGETS [] ns=sales-dev kind=null", "TARGETS [] ns=null kind=job",
                "RUNS [] ns=null kind=null", "RUNS [] ns=sales-dev kind=null");
        assertThat(values("get", "daily-sales-x7k2p", "")).as("get takes one run").isEmpty();
    }

    @Test
    void eachCommandAsksForTheNamesItTakes() {
        values("cancel", "");
        values("retry", "");
        values("logs", "daily-sales-x7k2p", "--step", "");
        values("get", "-n", "");
        values("envs", "--context", "");
        assertThat(asked).extracting(a -> a.substring(0, a.indexOf(' '))).containsExactly(Kind.UNFINISHED_RUNS.name(),
                Kind.FINISHED_RUNS.name(), Kind.STEPS.name(), Kind.NAMESPACES.name(), Kind.CONTEXTS.name());
        assertThat(asked.get(2)).as("the steps of the run named before").startsWith("STEPS [daily-sales-x7k2p]");
    }

    @Test
    void parametersCompleteToNameEqualsWithoutASpace() {
        assertThat(completer.complete(List.of("run", "daily-sales", "-p", ""))).containsExactly("DAY=\trequired",
                "REGION=\tdefault: eu", ":" + (Completer.NO_FILE_COMPLETION | Completer.NO_SPACE));
        assertThat(asked).containsExactly("PARAMETERS [daily-sales] ns=null kind=null");
    }

    @Test
    void everyCommandTakesNamespaceContextAndOutput() {
        CommandLine root = Main.commandLine();
        root.getSubcommands().forEach((name, command) -> {
            if (!name.equals("completion")) {
                assertThat(command.getCommandSpec().optionsMap()).as(name).containsKeys("-n", "--namespace", "--context", "-o",
                        "--output");
                assertThat(command.getCommandSpec().findOption("-o").completionCandidates()).as(name)
                        .containsExactly("json", "yaml", "wide");
            }
        });
    }

    @Test
    void usageErrorsNameTheProblemTheCloseNameAndTheHelpToRead() {
        assertThat(usage("gte")).isEqualTo("error: unknown command gte; did you mean \"get\"? commands: run, logs, get, list,"
                + " cancel, retry, envs, tech, history, diff, completion; see: kubectl raffinerie --help\n");
        assertThat(usage("get")).isEqualTo("error: Missing required parameter: 'RUN' (The run, or @latest); see: kubectl"
                + " raffinerie get --help\n");
        assertThat(usage("run", "daily-sales", "--wath")).isEqualTo("error: unknown option --wath; did you mean \"--watch\"?"
                + " see: kubectl raffinerie run --help\n");
        assertThat(usage("list", "-o", "table")).startsWith("error: Invalid value for option '--output': expected one of"
                + " [json, yaml, wide]");
    }

    private static String usage(String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setErr(new PrintWriter(err));
        assertThat(commandLine.execute(args)).isEqualTo(ExitCodes.INVALID);
        return err.toString();
    }

    @Test
    void theScriptsAskThePluginAtEachTab() {
        assertThat(script("bash")).contains("__complete").contains("complete -F _kubectl_raffinerie kubectl-raffinerie");
        assertThat(script("zsh")).startsWith("#compdef kubectl-raffinerie").contains("__complete")
                .contains("compdef _kubectl-raffinerie kubectl-raffinerie");
        assertThat(Main.commandLine().execute("completion", "fish")).isEqualTo(ExitCodes.INVALID);
    }

    private static String script(String shell) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.commandLine().execute("completion", shell)).isZero();
        } finally {
            System.setOut(previous);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void wideLogsStartEachLineWithItsStep() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream prefixed = LinePrefix.of(new PrintStream(out, true, StandardCharsets.UTF_8), "[load] ");
        prefixed.print("one\ntwo");
        prefixed.println();
        prefixed.println("three");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("[load] one\n[load] two\n[load] three\n");
        assertThat(new Words(List.of(), java.util.Map.of()).option("--namespace")).isNull();
    }
}
