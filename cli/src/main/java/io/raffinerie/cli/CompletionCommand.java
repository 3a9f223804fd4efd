package io.raffinerie.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "completion", mixinStandardHelpOptions = true, description = {"Print the bash or zsh completion script.",
        "  bash: source <(kubectl-raffinerie completion bash)",
        "  zsh:  source <(kubectl-raffinerie completion zsh)",
        "Both complete subcommands, options and the names of jobs, pipelines, runs, steps, parameters and namespaces"
                + " (asking the cluster). kubectl raffinerie <TAB> completes through kubectl_complete-raffinerie."})
class CompletionCommand implements Callable<Integer> {
    /** The word before the completed ones: {@code kubectl-raffinerie __complete WORD... CURRENT} (see {@link Completer}). */
    static final String COMPLETE = "__complete";

    static final class Shells implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("bash", "zsh").iterator();
        }
    }

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh", completionCandidates = Shells.class)
    String shell;

    @Override
    public Integer call() {
        if (!List.of("bash", "zsh").contains(shell)) {
            throw CliException.invalid("completion " + shell + ": the shells are bash and zsh");
        }
        System.out.print(script(shell));
        return ExitCodes.SUCCEEDED;
    }

    static String script(String shell) {
        try (InputStream in = CompletionCommand.class.getResourceAsStream("completion." + shell)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers {@code __complete}: the candidates for the last of the words, then the directive. */
    static int complete(List<String> words, Completer.Names names) {
        new Completer(Main.commandLine().getCommandSpec(), names).complete(words).forEach(System.out::println);
        System.out.flush();
        return ExitCodes.SUCCEEDED;
    }
}
