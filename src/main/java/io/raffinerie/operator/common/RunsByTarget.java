package io.raffinerie.operator.common;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunSpec;
import io.raffinerie.model.run.RunHistory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The DataRuns of a job or of a pipeline, for its controller: a run changing in what its history shows reconciles
 * what it runs (its last run and history are shown there), and the controller lists a target's runs from an index.
 */
public final class RunsByTarget {
    private static final String INDEX = "raffinerie-runs-by-target";

    private RunsByTarget() {
    }

    /** {@code target} names what a run runs, for the controller's kind: jobRef or pipelineRef. */
    public static <P extends HasMetadata> InformerEventSource<DataRun, P> eventSource(EventSourceContext<P> context,
            Function<DataRunSpec, String> target) {
        InformerEventSource<DataRun, P> runs = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(DataRun.class, context.getPrimaryResourceClass())
                .withItemStore(new RunHistoryStore())
                // A run's status changes with every step; its target cares about phase, times and progress.
                .withOnUpdateFilter((after, before) -> RunHistory.historyChanged(before, after))
                .withSecondaryToPrimaryMapper(run -> targetOf(run, target) == null ? Set.of()
                        : Set.of(new ResourceID(targetOf(run, target), run.getMetadata().getNamespace())))
                .build(), context);
        runs.addIndexers(Map.of(INDEX, run -> targetOf(run, target) == null ? List.of()
                : List.of(run.getMetadata().getNamespace() + "/" + targetOf(run, target))));
        return runs;
    }

    /** The runs of a job or pipeline, from the cache. */
    public static List<DataRun> of(Context<?> context, HasMetadata target) {
        return Caches.eventSource(context, DataRun.class).byIndex(INDEX, target.getMetadata().getNamespace() + "/"
                + target.getMetadata().getName());
    }

    private static String targetOf(DataRun run, Function<DataRunSpec, String> target) {
        return run.getSpec() == null ? null : target.apply(run.getSpec());
    }
}
