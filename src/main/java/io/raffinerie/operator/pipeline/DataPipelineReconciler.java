package io.raffinerie.operator.pipeline;

import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataPipelineStatus;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Readiness;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.pipeline.PipelineValidation;
import io.raffinerie.operator.common.Caches;
import io.raffinerie.operator.common.Environments;
import io.raffinerie.operator.common.StatusPatch;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Validates DataPipelines (DAG, schedule, jobs) and reports their readiness. */
@ControllerConfiguration(name = "datapipeline")
public class DataPipelineReconciler implements Reconciler<DataPipeline> {
    @Inject
    Clock clock;

    @Override
    public UpdateControl<DataPipeline> reconcile(DataPipeline pipeline, Context<DataPipeline> context) {
        String namespace = pipeline.getMetadata().getNamespace();
        Set<String> jobs = Caches.list(context, DataJob.class, namespace)
                .map(job -> job.getMetadata().getName())
                .collect(Collectors.toSet());
        Optional<Problem> problem = EnvironmentModel.checkHost(Environments.find(context, namespace), namespace)
                .or(() -> PipelineValidation.validate(pipeline.getSpec(), jobs, namespace));
        DataPipelineStatus status = StatusPatch.copyOf(pipeline.getStatus(), DataPipelineStatus::new);
        Readiness.apply(status, problem, pipeline.getMetadata().getGeneration(), Reasons.VALID, "the pipeline is ready to run",
                clock);
        return StatusPatch.ifChanged(pipeline, status);
    }

    @Override
    public List<EventSource<?, DataPipeline>> prepareEventSources(EventSourceContext<DataPipeline> context) {
        // A job appearing or going away can change a pipeline's readiness: reconcile the pipelines that use it.
        InformerEventSource<DataJob, DataPipeline> jobs = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(DataJob.class, DataPipeline.class)
                .withSecondaryToPrimaryMapper(job -> context.getPrimaryCache().list(job.getMetadata().getNamespace())
                        .filter(pipeline -> pipeline.getSpec() != null && pipeline.getSpec().steps != null
                                && pipeline.getSpec().steps.stream().anyMatch(s -> job.getMetadata().getName().equals(s.jobRef)))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build(), context);
        return List.of(Environments.eventSource(context), jobs);
    }
}
