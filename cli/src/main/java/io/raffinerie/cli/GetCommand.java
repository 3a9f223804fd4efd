package io.raffinerie.cli;

import io.raffinerie.api.v1alpha1.DataRun;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "get", mixinStandardHelpOptions = true, description = {"Show a run as a tree of its steps.", "Phase, duration, exit code, attempts and reason of each step"
        + " (-o wide: the Job, start time, reused results and messages)."})
class GetCommand implements Callable<Integer> {
    @Mixin
    KubeOptions kube;

    @Parameters(index = "0", paramLabel = "RUN", completionCandidates = CompletionNames.Runs.class, description = "The run, or @latest")
    String run;

    @Override
    public Integer call() {
        DataRun found = new Runs(kube.client(), kube.namespace()).run(run);
        System.out.print(kube.table() ? RunView.tree(found, kube.wide(), Instant.now()) : kube.serialize(found));
        return ExitCodes.SUCCEEDED;
    }
}
