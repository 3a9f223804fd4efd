package io.raffinerie.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.model.run.RunRequests;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = "Start a run of a job or a pipeline (a new DataRun).", mixinStandardHelpOptions = true)
class RunCommand implements Callable<Integer> {
    @Mixin
    KubeOptions kube;

    @Parameters(index = "0", paramLabel = "JOB|PIPELINE", completionCandidates = CompletionNames.Targets.class, description = "The job or pipeline to run")
    String target;

    @Option(names = {"-p", "--param"}, completionCandidates = CompletionNames.Parameters.class, paramLabel = "NAME=VALUE", description = "A parameter value (repeatable)")
    List<String> parameters;

    @Option(names = {"-w", "--watch"}, description = "Show the steps live and exit with the run's result: 0 Succeeded,"
            + " 1 Failed, 2 Cancelled")
    boolean watch;

    @Option(names = "--logs", description = "Follow every step's log to the end (implies --watch's exit code)")
    boolean logs;

    enum Kind {
        job, pipeline
    }

    @Option(names = "--kind", description = "${COMPLETION-CANDIDATES}, when both kinds have this name", paramLabel = "KIND")
    Kind kind;

    @Override
    public Integer call() {
        Map<String, String> values = ParameterOptions.parse(parameters);
        HasMetadata resource = new Runs(kube.client(), kube.namespace()).target(target, kind == null ? null : kind.name());
        boolean job = resource instanceof DataJob;
        var declared = job ? ((DataJob) resource).getSpec().parameters : ((DataPipeline) resource).getSpec().parameters;
        ParameterOptions.check((job ? "job " : "pipeline ") + target, declared, values);
        var created = kube.client().resource(RunRequests.start(kube.namespace(), job, target, values, null, false)).create();
        return Started.follow(kube, created, watch, logs, System.out, System.err);
    }
}
