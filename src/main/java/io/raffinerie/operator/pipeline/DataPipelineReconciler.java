package io.raffinerie.operator.pipeline;

import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataPipelineStatus;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.RevisionTarget;
import io.raffinerie.model.revision.RevisionPruning;
import io.raffinerie.operator.revision.PromotionUse;
import io.raffinerie.operator.revision.RevisionCache;
import io.raffinerie.operator.revision.TargetRevisions;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Readiness;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.pipeline.FinallySteps;
import io.raffinerie.model.pipeline.PipelineValidation;
import io.raffinerie.model.pipeline.StepInputs;
import io.raffinerie.operator.common.TargetHistory;
import io.raffinerie.operator.common.Caches;
import io.raffinerie.operator.common.LeanItemStore;
import io.raffinerie.operator.common.Catalogs;
import io.raffinerie.operator.common.Environments;
import io.raffinerie.operator.common.Failures;
import io.raffinerie.operator.common.RunsByTarget;
import io.raffinerie.operator.common.StatusPatch;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Validates DataPipelines, runs their schedules, keeps their run history and shows their last run. */
@ControllerConfiguration(name = "datapipeline", informer = @Informer(itemStore = LeanItemStore.class))
@RBACRule(apiGroups = "raffinerie.io", resources = "dataruns", verbs = {"create", "patch", "delete"})
@RBACRule(apiGroups = "raffinerie.io", resources = "datarevisions", verbs = {"get", "list", "watch", "create", "delete"})
public class DataPipelineReconciler implements Reconciler<DataPipeline> {

    @Inject
    Clock clock;

    @Inject
    ScheduledPipelineRuns schedules;

    @Inject
    TargetHistory history;

    @Inject
    TargetRevisions revisions;

    @Override
    public UpdateControl<DataPipeline> reconcile(DataPipeline pipeline, Context<DataPipeline> context) {
        String namespace = pipeline.getMetadata().getNamespace();
        Map<String, DataJobSpec> jobs = Caches.list(context, DataJob.class, namespace)
                .collect(Collectors.toMap(job -> job.getMetadata().getName(), DataJob::getSpec, (a, b) -> a));
        Optional<DataEnvironment> environment = Environments.find(context, namespace);
        Optional<Problem> problem = EnvironmentModel.checkHost(environment, namespace)
                .or(() -> PipelineValidation.validate(pipeline.getSpec(), jobs.keySet(), namespace))
                .or(() -> PipelineValidation.invalidStepJob(FinallySteps.all(pipeline.getSpec()), jobs::get,
                        Catalogs.of(context, environment)))
                .or(() -> StepInputs.check(pipeline.getSpec(), jobs::get));
        List<DataRun> runs = RunsByTarget.of(context, pipeline);
        DataPipelineStatus status = StatusPatch.copyOf(pipeline.getStatus(), DataPipelineStatus::new);
        Optional<Duration> untilExpiry = history.keep(pipeline, context, runs, pipeline.getSpec().history, status);
        recordRevision(pipeline, jobs, runs, status, context);
        Optional<Duration> untilNext = Optional.empty();
        if (problem.isEmpty() && pipeline.getSpec().schedule != null) {
            untilNext = schedules.trigger(pipeline, runs, status);
        } else {
            status.nextScheduleTime = null;
        }
        Readiness.apply(status, problem, pipeline.getMetadata().getGeneration(), Reasons.VALID, "the pipeline is ready to run",
                clock);
        UpdateControl<DataPipeline> update = StatusPatch.ifChanged(pipeline, status);
        return Stream.of(untilNext, untilExpiry).flatMap(Optional::stream).min(Comparator.naturalOrder())
                .map(update::rescheduleAfter).orElse(update);
    }

    /**
     * Records the pipeline with the current revision of each of its jobs, once every job has one, and prunes. A job
     * changing makes a new pipeline revision: the revision pins what a run of the pipeline executes.
     */
    private void recordRevision(DataPipeline pipeline, Map<String, DataJobSpec> jobs, List<DataRun> runs,
            DataPipelineStatus status, Context<DataPipeline> context) {
        Set<String> jobRefs = FinallySteps.all(pipeline.getSpec()).stream().map(s -> s.jobRef).collect(Collectors.toSet());
        TargetRevisions.currentJobRevisions(context, pipeline.getMetadata().getNamespace(), jobRefs, jobs::get)
                .ifPresent(pinned -> revisions.record(pipeline, pipeline.getSpec(), TargetRevisions.names(pinned), context)
                        .ifPresent(revision -> status.currentRevision = revision));
        Set<String> inUse = new HashSet<>(RevisionPruning.inUse(RevisionTarget.PIPELINE, pipeline.getMetadata().getName(),
                status.currentRevision, runs, List.of()));
        inUse.addAll(PromotionUse.revisions(context, pipeline.getMetadata().getNamespace(), RevisionTarget.PIPELINE,
                pipeline.getMetadata().getName()));
        revisions.prune(pipeline, pipeline.getSpec().history, inUse, context);
    }

    /** What the API server refuses (a CronJob too large, say) is Ready=False, not an endless retry. */
    @Override
    public ErrorStatusUpdateControl<DataPipeline> updateErrorStatus(DataPipeline pipeline, Context<DataPipeline> context, Exception e) {
        return Failures.readyFalse(pipeline, DataPipelineStatus::new, e, clock);
    }

    @Override
    public List<EventSource<?, DataPipeline>> prepareEventSources(EventSourceContext<DataPipeline> context) {
        // A job appearing or going away can change a pipeline's readiness: reconcile the pipelines that use it.
        InformerEventSource<DataJob, DataPipeline> jobs = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(DataJob.class, DataPipeline.class)
                .withItemStore(new LeanItemStore<>())
                .withSecondaryToPrimaryMapper(job -> usingJob(context, job.getMetadata().getNamespace(), job.getMetadata().getName()))
                .build(), context);
        return List.of(Environments.eventSource(context), Catalogs.eventSource(context, Catalogs::all), jobs,
                RunsByTarget.eventSource(context, spec -> spec.pipelineRef),
                RevisionCache.eventSource(context, (namespace, kind, name) -> RevisionTarget.PIPELINE.equals(kind)
                        ? Set.of(new ResourceID(name, namespace)) : usingJob(context, namespace, name)),
                PromotionUse.eventSource(context, RevisionTarget.PIPELINE));
    }

    private static Set<ResourceID> usingJob(EventSourceContext<DataPipeline> context, String namespace, String job) {
        return context.getPrimaryCache().list(namespace)
                .filter(pipeline -> FinallySteps.all(pipeline.getSpec()).stream().anyMatch(s -> job.equals(s.jobRef)))
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet());
    }
}
