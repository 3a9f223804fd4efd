package io.raffinerie.cli;

import io.raffinerie.api.v1alpha1.DataRun;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", mixinStandardHelpOptions = true, description = {"Print a run's logs, step by step.", "From the step's pod while it exists; once the pod is gone,"
        + " the log tail kept in the run's status (the last lines), saying so.", "-o wide: each line prefixed with its step;"
        + " -o json|yaml: a List of the steps' logs (step, phase, exitCode, log), printed once they are complete."})
class LogsCommand implements Callable<Integer> {
    @Mixin
    KubeOptions kube;

    @Parameters(index = "0", paramLabel = "RUN", completionCandidates = CompletionNames.Runs.class, description = "The run, or @latest (the namespace's newest run)")
    String run;

    @Option(names = {"-s", "--step"}, completionCandidates = CompletionNames.Steps.class, paramLabel = "STEP", description = "Only this step")
    String step;

    @Option(names = {"-f", "--follow"}, description = "Follow the running steps to their end, and the steps still to come")
    boolean follow;

    @Override
    public Integer call() {
        DataRun found = new Runs(kube.client(), kube.namespace()).run(run);
        var logs = new StepLogs(kube.client(), kube.namespace()).show(found, step, follow, System.out, System.err, kube.output());
        if (!kube.table()) {
            System.out.print(kube.serializeList(logs));
        }
        return ExitCodes.SUCCEEDED;
    }
}
