package io.raffinerie.cli;

import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.model.run.RunRequests;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "retry", mixinStandardHelpOptions = true, description = {"Retry a finished run from its failure point.", "A pipeline run from its failure"
        + " point (a new run with spec.retryOf: only its failed and skipped steps run again, the others keep their result);"
        + " a job run is run again with the same parameters."})
class RetryCommand implements Callable<Integer> {
    @Mixin
    KubeOptions kube;

    @Parameters(index = "0", paramLabel = "RUN", completionCandidates = CompletionNames.FinishedRuns.class, description = "The run to retry, or @latest")
    String run;

    @Option(names = "--latest", description = "Rerun with the pipeline and jobs as they are now (default: what the run ran)")
    boolean useLatest;

    @Option(names = {"-w", "--watch"}, description = "Show the steps live and exit with the retry's result")
    boolean watch;

    @Option(names = "--logs", description = "Follow the steps' logs to the end")
    boolean logs;

    @Override
    public Integer call() {
        DataRun existing = new Runs(kube.client(), kube.namespace()).run(run);
        if (!Runs.finished(existing)) {
            throw CliException.invalid("run " + existing.getMetadata().getName() + " is "
                    + (existing.getStatus() == null || existing.getStatus().phase == null ? "Pending" : existing.getStatus().phase)
                    + ": only a finished run can be retried; wait for it (kubectl raffinerie logs -f "
                    + existing.getMetadata().getName() + ") or cancel it first");
        }
        DataRun created = kube.client().resource(RunRequests.retry(existing, useLatest)).create();
        return Started.follow(kube, created, watch, logs, System.out, System.err);
    }
}
