package io.raffinerie.operator.run;

import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Readiness;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.run.RunStatuses;
import io.raffinerie.model.run.RunValidation;
import io.raffinerie.operator.common.Caches;
import io.raffinerie.operator.common.Environments;
import io.raffinerie.operator.common.StatusPatch;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Accepts DataRuns whose job or pipeline exists and whose parameters fit. */
@ControllerConfiguration(name = "datarun")
public class DataRunReconciler implements Reconciler<DataRun> {
    @Inject
    Clock clock;

    @Override
    public UpdateControl<DataRun> reconcile(DataRun run, Context<DataRun> context) {
        String namespace = run.getMetadata().getNamespace();
        Optional<DataJob> job = find(context, DataJob.class, namespace, run.getSpec().jobRef);
        Optional<DataPipeline> pipeline = find(context, DataPipeline.class, namespace, run.getSpec().pipelineRef);
        Optional<Problem> problem = EnvironmentModel.checkHost(Environments.find(context, namespace), namespace)
                .or(() -> RunValidation.validate(run.getSpec(), namespace, job, pipeline));
        DataRunStatus status = StatusPatch.copyOf(run.getStatus(), DataRunStatus::new);
        RunStatuses.initialize(status, RunStatuses.triggerOf(run.getMetadata().getLabels()));
        Readiness.apply(status, problem, run.getMetadata().getGeneration(), Reasons.ACCEPTED, "the run is accepted", clock);
        return StatusPatch.ifChanged(run, status);
    }

    @Override
    public List<EventSource<?, DataRun>> prepareEventSources(EventSourceContext<DataRun> context) {
        return List.of(Environments.eventSource(context),
                targetEventSource(context, DataJob.class, run -> run.getSpec().jobRef),
                targetEventSource(context, DataPipeline.class, run -> run.getSpec().pipelineRef));
    }

    private static <R extends HasMetadata> Optional<R> find(Context<DataRun> context, Class<R> type, String namespace, String name) {
        if (name == null) {
            return Optional.empty();
        }
        return Caches.eventSource(context, type).get(new ResourceID(name, namespace));
    }

    /** A job or pipeline changing reconciles the unfinished runs that name it. */
    private static <R extends HasMetadata> InformerEventSource<R, DataRun> targetEventSource(EventSourceContext<DataRun> context,
            Class<R> type, Function<DataRun, String> reference) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, DataRun.class)
                .withSecondaryToPrimaryMapper(target -> context.getPrimaryCache().list(target.getMetadata().getNamespace())
                        .filter(run -> run.getSpec() != null && target.getMetadata().getName().equals(reference.apply(run)))
                        .filter(run -> !RunStatuses.isFinished(run.getStatus()))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build(), context);
    }
}
