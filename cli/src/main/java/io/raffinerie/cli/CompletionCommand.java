package io.raffinerie.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "completion", mixinStandardHelpOptions = true, description = {"Print the bash or zsh completion script.",
        "  bash: source <(kubectl-raffinerie completion bash)",
        "  zsh:  source <(kubectl-raffinerie completion zsh)   (runs through zsh's bashcompinit)"})
class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh")
    String shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("kubectl-raffinerie", spec.root().commandLine());
        switch (shell) {
            case "bash" -> System.out.print(script);
            // picocli's script detects zsh and loads compinit and bashcompinit itself.
            case "zsh" -> System.out.print("#compdef kubectl-raffinerie\n" + script);
            default -> throw CliException.invalid("completion " + shell + ": the shells are bash and zsh");
        }
        return ExitCodes.SUCCEEDED;
    }
}
