package io.raffinerie.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.raffinerie.api.v1alpha1.DataRevision;
import io.raffinerie.model.dashboard.RevisionViews;
import io.raffinerie.model.revision.Revisions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Show what changed between two revisions of a job or a pipeline, as a unified diff.",
                "Exit code 0 when they hold the same spec, 1 when they differ (as diff does)."})
class DiffCommand implements Callable<Integer> {
    @Mixin
    KubeOptions kube;

    @Mixin
    TargetOptions targetOptions;

    @Parameters(index = "1", paramLabel = "FROM", description = "The older revision's number")
    long from;

    @Parameters(index = "2", paramLabel = "TO", description = "The newer revision's number")
    long to;

    @Override
    public Integer call() {
        HasMetadata resource = targetOptions.resolve(kube);
        String target = targetOptions.target;
        List<DataRevision> revisions = HistoryCommand.of(kube, resource);
        List<RevisionViews.DiffLine> lines = RevisionViews.diff(find(revisions, from), find(revisions, to));
        if (lines.isEmpty()) {
            System.out.println("revisions " + from + " and " + to + " of " + target + " hold the same spec");
            return 0;
        }
        lines.forEach(line -> System.out.println(line.text()));
        return 1;
    }

    private DataRevision find(List<DataRevision> revisions, long number) {
        return Revisions.numbered(revisions, number).orElseThrow(() -> CliException.invalid(targetOptions.target + " has no revision " + number
                + "; its revisions are: " + (revisions.isEmpty() ? "none" : revisions.stream().map(r -> r.getSpec().revision)
                        .sorted().map(String::valueOf).collect(Collectors.joining(", ")))));
    }
}
