package io.raffinerie.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** kubectl-raffinerie: the kubectl plugin for Raffinerie's runs, jobs, pipelines and environments (docs/cli.md). */
@Command(name = "kubectl-raffinerie", mixinStandardHelpOptions = true, version = "kubectl-raffinerie 0.1.0",
        description = "Run, watch and inspect Raffinerie jobs and pipelines, with your kubeconfig's identity.",
        subcommands = {RunCommand.class, LogsCommand.class, GetCommand.class, ListCommand.class, CancelCommand.class,
                RetryCommand.class, EnvsCommand.class, TechCommand.class, CompletionCommand.class},
        footer = {"", "Exit codes: 0 Succeeded (or done), 1 Failed, 2 Cancelled (a watched run's result), 3 bad input,"
                + " 4 forbidden (RBAC), 5 cluster error."})
public class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with the plugin's exit codes and error handling. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new Main());
        setExitCodes(commandLine);
        commandLine.setExecutionExceptionHandler(Main::handle);
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
