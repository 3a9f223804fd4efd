package io.raffinerie.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The job or pipeline a command is about: its name, first on the line, and --kind when both kinds have it. */
class TargetOptions {
    @Parameters(index = "0", paramLabel = "JOB|PIPELINE", completionCandidates = CompletionNames.Targets.class,
            description = "The job or pipeline")
    String target;

    @Option(names = "--kind", description = "${COMPLETION-CANDIDATES}, when both kinds have this name", paramLabel = "KIND")
    RunCommand.Kind kind;

    HasMetadata resolve(KubeOptions kube) {
        return new Runs(kube.client(), kube.namespace()).target(target, kind == null ? null : kind.name());
    }
}
