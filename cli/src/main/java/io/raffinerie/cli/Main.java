package io.raffinerie.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import io.raffinerie.model.Suggestions;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** kubectl-raffinerie: the kubectl plugin for Raffinerie's runs, jobs, pipelines and environments (docs/cli.md). */
@Command(name = "kubectl-raffinerie", mixinStandardHelpOptions = true, version = "kubectl-raffinerie 0.1.0",
        description = "Run, watch and inspect Raffinerie jobs and pipelines, with your kubeconfig's identity.",
        subcommands = {RunCommand.class, LogsCommand.class, GetCommand.class, ListCommand.class, CancelCommand.class,
                RetryCommand.class, EnvsCommand.class, TechCommand.class, HistoryCommand.class, DiffCommand.class,
                CompletionCommand.class},
        footer = {"", "Exit codes: 0 Succeeded (or done), 1 Failed, 2 Cancelled (a watched run's result), 3 bad input,"
                + " 4 forbidden (RBAC), 5 cluster error."})
public class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** The command's exit code; {@code __complete WORD...} answers shell completion (kubectl's and the scripts'). */
    static int execute(String... args) {
        if (args.length > 0 && CompletionCommand.COMPLETE.equals(args[0])) {
            return CompletionCommand.complete(List.of(args).subList(1, args.length), new ClusterNames());
        }
        return commandLine().execute(args);
    }

    /** The command line with the plugin's exit codes and error handling. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        setExitCodes(commandLine);
        commandLine.setExecutionExceptionHandler(Main::handle);
        commandLine.setParameterExceptionHandler(Main::usageError);
        return commandLine;
    }

    private static void setExitCodes(CommandLine commandLine) {
        commandLine.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.INVALID);
        commandLine.getCommandSpec().exitCodeOnExecutionException(ExitCodes.CLUSTER);
        commandLine.getSubcommands().values().forEach(Main::setExitCodes);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * A usage error (an unknown subcommand or option, a missing parameter, a bad value): one line naming it, with the
     * close name for a misspelled command or option, and the command's help to read; exit code 3.
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        String message = e.getMessage();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String word = unmatched.getUnmatched().get(0);
            boolean option = word.startsWith("-");
            List<String> valid = option ? spec.options().stream().flatMap(o -> List.of(o.names()).stream()).toList()
                    : spec.subcommands().keySet().stream().filter(n -> !spec.subcommands().get(n).getCommandSpec()
                            .usageMessage().hidden()).toList();
            message = (option ? "unknown option " : spec.subcommands().isEmpty() ? "unexpected argument " : "unknown command ")
                    + word + ";" + Suggestions.didYouMean(word, valid)
                    + (option || spec.subcommands().isEmpty() ? "" : " commands: " + String.join(", ", valid) + ";");
        }
        if (e instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()
                && missing.getMissing().get(0).description().length > 0) {
            message += " (" + missing.getMissing().get(0).description()[0] + ")";
        }
        String path = spec.qualifiedName(" ").replaceFirst("^kubectl-raffinerie ?", "");
        PrintWriter err = command.getErr();
        err.println("error: " + message + (message.endsWith(";") || message.endsWith("?") ? " " : "; ") + "see: kubectl raffinerie "
                + (path.isEmpty() ? "" : path + " ") + "--help");
        err.flush();
        return ExitCodes.INVALID;
    }

    private static int handle(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        CliException error = e instanceof CliException cli ? cli
                : e instanceof KubernetesClientException kube ? ApiErrors.explain(kube)
                : cause(e);
        err.println("error: " + error.getMessage());
        err.flush();
        return error.exitCode();
    }

    /** An error wrapped by the client (a watch or an informer), unwrapped; anything else is unexpected. */
    private static CliException cause(Exception e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof CliException cli) {
                return cli;
            }
            if (cause instanceof KubernetesClientException kube) {
                return ApiErrors.explain(kube);
            }
        }
        return new CliException(ExitCodes.CLUSTER, String.valueOf(e.getMessage()));
    }
}
