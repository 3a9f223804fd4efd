package io.raffinerie.e2e.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.e2e.cli.Plugin.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Shell completion as a person gets it: TAB typed in an interactive bash and zsh (in tmux) with the scripts the plugin
 * generates, and {@code kubectl raffinerie <TAB>} through kubectl's own completion scripts and its plugin completion
 * (kubectl_complete-raffinerie).
 * The names come from the cluster: this namespace's jobs, pipelines, runs and parameters, and the environments'
 * namespaces.
 */
class CliCompletionIT extends PluginSuite {
    static final String NS = "e2e-cli-tab";
    static final String RUN = "tabbed-7q";
    static final Path BASH_COMPLETION = Path.of("/usr/share/bash-completion/bash_completion");

    CliCompletionIT() {
        super(NS);
    }

    @BeforeAll
    void fixtures() {
        Plugin.simulatedJob(raffinerie, NS, "quick", "0s", 0, "quick done");
        raffinerie.pipeline(NS, "daily-sales", "- {name: extract, jobRef: quick}", "parameters: [{name: DAY}]");
        raffinerie.run(NS, RUN, "pipelineRef", "daily-sales", "parameters: {DAY: '2026-11-29'}");
        raffinerie.awaitPhase(NS, RUN, "Succeeded");
    }

    @Test
    void completionScriptsAreGenerated() throws IOException {
        Result bash = plugin.cli("completion", "bash");
        assertThat(bash.exitCode()).as(bash.describe()).isZero();
        assertThat(bash.stdout()).contains("complete -F _kubectl_raffinerie kubectl-raffinerie").contains("__complete");
        Result zsh = plugin.cli("completion", "zsh");
        assertThat(zsh.exitCode()).as(zsh.describe()).isZero();
        assertThat(zsh.stdout()).startsWith("#compdef kubectl-raffinerie").contains("compdef _kubectl-raffinerie kubectl-raffinerie");
        for (var script : Map.of("bash", bash.stdout(), "zsh", zsh.stdout()).entrySet()) {
            Path file = Files.createTempFile("completion", "." + script.getKey());
            Files.writeString(file, script.getValue());
            Result syntax = plugin.exec(List.of(script.getKey(), "-n", file.toString()), Map.of());
            Files.delete(file);
            assertThat(syntax.exitCode()).as(script.getKey() + " -n: " + syntax.describe()).isZero();
        }
    }

    @Test
    void bashCompletesSubcommandsOptionsAndTheClustersNames() {
        assumeInstalled("tmux");
        try (Terminal bash = Terminal.start("bash --norc --noprofile -i", plugin.environment())) {
            bash.run("source <(kubectl-raffinerie completion bash)");
            completesTheClustersNames(bash, "kubectl-raffinerie");
        }
    }

    /** With the bash-completion package, as kubectl's bash completion needs it: the plugin and kubectl raffinerie. */
    @Test
    void bashWithBashCompletionCompletesThePluginAndKubectlRaffinerie() {
        assumeInstalled("tmux");
        Assumptions.assumeTrue(Files.exists(BASH_COMPLETION), BASH_COMPLETION + " is not there (apt-get install -y"
                + " bash-completion): the test is skipped");
        try (Terminal bash = Terminal.start("bash --norc --noprofile -i", plugin.environment())) {
            bash.run("source " + BASH_COMPLETION + "; source <(kubectl completion bash);"
                    + " source <(kubectl-raffinerie completion bash)");
            completesTheClustersNames(bash, "kubectl-raffinerie");
            bash.type("kubectl raffin").press("Tab");
            bash.awaitScreen("kubectl raffinerie");
            completesTheClustersNames(bash.clear(), "kubectl raffinerie");
        }
    }

    @Test
    void zshCompletesThePluginAndKubectlRaffinerieWithDescriptions() {
        assumeInstalled("tmux");
        assumeInstalled("zsh");
        try (Terminal zsh = Terminal.start("zsh -f -i", plugin.environment())) {
            zsh.run("autoload -Uz compinit && compinit -u && source <(kubectl completion zsh)"
                    + " && source <(kubectl-raffinerie completion zsh)");
            completesTheClustersNames(zsh, "kubectl-raffinerie");
            zsh.type("kubectl-raffinerie r").press("Tab");
            zsh.awaitScreen("Retry a finished run from its failure point");
            zsh.awaitScreen("Start a run of a job or a pipeline");
            zsh.clear().type("kubectl-raffinerie get -n " + NS + " ").press("Tab");
            zsh.awaitScreen("Succeeded, pipeline daily-sales");
            zsh.awaitScreen("the namespace's newest run");
            zsh.clear().type("kubectl raffin").press("Tab");
            zsh.awaitScreen("kubectl raffinerie");
            completesTheClustersNames(zsh.clear(), "kubectl raffinerie");
        }
    }

    /** kubectl 1.26+ completes a plugin's words by running kubectl_complete-PLUGIN from the PATH (cobra's protocol). */
    @Test
    void kubectlRaffinerieTabCompletesThroughKubectlCompleteRaffinerie() {
        String kubectl = cluster.toolsBin().resolve("kubectl").toString();
        Result subcommands = plugin.exec(List.of(kubectl, "__complete", "raffinerie", ""), Map.of());
        assertThat(subcommands.exitCode()).as(subcommands.describe()).isZero();
        assertThat(subcommands.stdout().lines()).contains("run\tStart a run of a job or a pipeline (a new DataRun).",
                "retry\tRetry a finished run from its failure point.", ":4");
        Result flags = plugin.exec(List.of(kubectl, "__complete", "raffinerie", "run", "--w"), Map.of());
        assertThat(flags.stdout().lines()).contains("--watch\tShow the steps live and exit with the run's result: 0 Succeeded,"
                + " 1 Failed, 2 Cancelled");
        Result runs = plugin.exec(List.of(kubectl, "__complete", "raffinerie", "logs", "-n", NS, ""), Map.of());
        assertThat(runs.stdout().lines()).contains("@latest\tthe namespace's newest run", RUN + "\tSucceeded, pipeline daily-sales");
        Result steps = plugin.exec(List.of(kubectl, "__complete", "raffinerie", "logs", "-n", NS, RUN, "--step", ""), Map.of());
        assertThat(steps.stdout().lines()).contains("extract\tSucceeded");
        Result parameters = plugin.exec(List.of(kubectl, "__complete", "raffinerie", "run", "daily-sales", "-n", NS, "-p", ""),
                Map.of());
        assertThat(parameters.stdout().lines()).as("no space after NAME=").containsExactly("DAY=\trequired", ":6");
    }

    private void assumeInstalled(String program) {
        Assumptions.assumeTrue(plugin.exec(List.of("bash", "-c", "command -v " + program), Map.of()).exitCode() == 0,
                program + " is not installed (apt-get install -y tmux zsh): the terminal test is skipped");
    }

    /** Subcommands, an option's values, job and pipeline names, NAME= of a parameter, run names, namespaces. */
    private static void completesTheClustersNames(Terminal shell, String command) {
        shell.type(command + " compl").press("Tab");
        shell.awaitScreen(command + " completion");
        shell.clear().type(command + " get -o ya").press("Tab");
        shell.awaitScreen(command + " get -o yaml");
        shell.clear().type(command + " list --output=w").press("Tab");
        shell.awaitScreen(command + " list --output=wide");
        shell.clear().type(command + " run -n " + NS + " daily-").press("Tab");
        shell.awaitScreen(command + " run -n " + NS + " daily-sales");
        shell.type("-p ").press("Tab");
        shell.awaitScreen("daily-sales -p DAY=");
        shell.type("2026-11-29");
        shell.awaitScreen("daily-sales -p DAY=2026-11-29");
        shell.clear().type(command + " get -n " + NS + " tabb").press("Tab");
        shell.awaitScreen(command + " get -n " + NS + " " + RUN);
        shell.clear().type(command + " list -n e2e-cli-ta").press("Tab");
        shell.awaitScreen(command + " list -n " + NS);
        shell.clear();
    }
}
