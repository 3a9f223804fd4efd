package io.raffinerie.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List runs (newest first), jobs or pipelines.")
class ListCommand implements Callable<Integer> {
    enum What {
        runs, jobs, pipelines
    }

    @Mixin
    KubeOptions kube;

    @Parameters(index = "0", arity = "0..1", paramLabel = "WHAT", description = "${COMPLETION-CANDIDATES} (default: runs)")
    What what = What.runs;

    @Option(names = "--failed", description = "Only failed runs; for jobs and pipelines, those whose last run failed")
    boolean failed;

    @Option(names = "--since", paramLabel = "DURATION", description = "Only runs started within this duration, such as 24h")
    String since;

    @Option(names = {"-A", "--all-namespaces"}, description = "In every namespace you may list")
    boolean allNamespaces;

    @Override
    public Integer call() {
        Duration window = since == null ? null : Listings.since(since);
        Instant now = Instant.now();
        List<? extends HasMetadata> items = switch (what) {
            case runs -> Listings.runs(list(DataRun.class), failed, window, now);
            case jobs -> list(DataJob.class).stream().filter(j -> failed || window != null
                    ? Listings.lastRunMatches(j.getStatus() == null ? null : j.getStatus().lastRun, failed, window, now) : true)
                    .toList();
            case pipelines -> list(DataPipeline.class).stream().filter(p -> failed || window != null
                    ? Listings.lastRunMatches(p.getStatus() == null ? null : p.getStatus().lastRun, failed, window, now) : true)
                    .toList();
        };
        if (!kube.table()) {
            System.out.print(kube.serializeList(items));
            return ExitCodes.SUCCEEDED;
        }
        if (items.isEmpty()) {
            System.err.println("No " + what + " found" + (allNamespaces ? "" : " in namespace " + kube.namespace()) + ".");
            return ExitCodes.SUCCEEDED;
        }
        @SuppressWarnings("unchecked")
        String table = switch (what) {
            case runs -> Listings.runTable((List<DataRun>) items, allNamespaces, kube.wide(), now);
            case jobs -> Listings.jobTable((List<DataJob>) items, allNamespaces, kube.wide(), now);
            case pipelines -> Listings.pipelineTable((List<DataPipeline>) items, allNamespaces, kube.wide(), now);
        };
        System.out.print(table);
        return ExitCodes.SUCCEEDED;
    }

    private <T extends HasMetadata> List<T> list(Class<T> type) {
        var resources = kube.client().resources(type);
        return allNamespaces ? resources.inAnyNamespace().list().getItems()
                : resources.inNamespace(kube.namespace()).list().getItems();
    }
}
