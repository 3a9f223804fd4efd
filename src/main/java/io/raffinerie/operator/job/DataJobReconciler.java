package io.raffinerie.operator.job;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.quarkiverse.operatorsdk.annotations.RBACRule;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataJobStatus;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.RevisionTarget;
import io.raffinerie.model.revision.RevisionPruning;
import io.raffinerie.operator.revision.PromotionUse;
import io.raffinerie.operator.revision.RevisionCache;
import io.raffinerie.operator.revision.TargetRevisions;
import io.raffinerie.model.CronSchedule;
import io.raffinerie.model.Conditions;
import io.raffinerie.model.LabelValues;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Readiness;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.job.JobValidation;
import io.raffinerie.model.RunLabels;
import io.raffinerie.model.job.TechnologyCatalog;
import io.raffinerie.operator.common.TargetHistory;
import io.raffinerie.operator.common.Caches;
import io.raffinerie.operator.common.Catalogs;
import io.raffinerie.operator.common.LeanItemStore;
import io.raffinerie.operator.common.Environments;
import io.raffinerie.operator.common.Failures;
import io.raffinerie.operator.common.LabelledPrimaries;
import io.raffinerie.operator.common.RunsByTarget;
import io.raffinerie.operator.common.StatusPatch;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/**
 * Keeps a DataJob's script ConfigMap and CronJob in place once the job is valid, records the runs its schedule
 * starts, keeps its run history within limits, and shows its last run and next scheduled time.
 */
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(name = "script", type = ScriptConfigMapDependent.class, reconcilePrecondition = JobPreconditions.HasScript.class),
    @Dependent(name = "schedule", type = CronJobDependent.class, dependsOn = "script",
            reconcilePrecondition = JobPreconditions.HasSchedule.class)})
@ControllerConfiguration(name = "datajob", informer = @Informer(itemStore = LeanItemStore.class))
@RBACRule(apiGroups = "raffinerie.io", resources = "dataruns", verbs = {"create", "delete"})
@RBACRule(apiGroups = "batch", resources = "jobs", verbs = {"get", "list", "watch", "patch"})
@RBACRule(apiGroups = "raffinerie.io", resources = "datarevisions", verbs = {"get", "list", "watch", "create", "delete"})
public class DataJobReconciler implements Reconciler<DataJob> {
    private static final String JOBS_BY_DATAJOB = "raffinerie-jobs-by-datajob";

    @Inject
    ScheduledRuns scheduledRuns;

    @Inject
    TargetHistory history;

    @Inject
    Clock clock;

    @Inject
    TargetRevisions revisions;

    @Override
    public UpdateControl<DataJob> reconcile(DataJob job, Context<DataJob> context) {
        String namespace = job.getMetadata().getNamespace();
        Optional<DataEnvironment> environment = Environments.find(context, namespace);
        TechnologyCatalog catalog = Catalogs.of(context, environment);
        Optional<Problem> problem = EnvironmentModel.checkHost(environment, namespace)
                .or(() -> JobValidation.validate(job.getSpec(), catalog));
        // The Jobs a CronJob started are runs, even once the job became invalid.
        scheduledRuns.record(job, Caches.eventSource(context, Job.class).byIndex(JOBS_BY_DATAJOB, key(job)));
        if (problem.isEmpty()) {
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
        } else {
            problem = problem.map(p -> CronJobSuspension.suspend(context, job, p));
        }
        DataJobStatus status = StatusPatch.copyOf(job.getStatus(), DataJobStatus::new);
        List<DataRun> runs = RunsByTarget.of(context, job);
        Optional<Duration> untilExpiry = history.keep(job, context, runs, job.getSpec().history, status);
        revisions.record(job, job.getSpec(), null, context).ifPresent(revision -> status.currentRevision = revision);
        Set<String> inUse = new HashSet<>(RevisionPruning.inUse(RevisionTarget.JOB, job.getMetadata().getName(),
                status.currentRevision, runs, RevisionCache.inNamespace(context, namespace)));
        inUse.addAll(PromotionUse.revisions(context, namespace, RevisionTarget.JOB, job.getMetadata().getName()));
        revisions.prune(job, job.getSpec().history, inUse, context);
        status.nextScheduleTime = problem.isPresent() || job.getSpec().schedule == null
                || Boolean.TRUE.equals(job.getSpec().schedule.suspend) ? null
                : CronSchedule.parse(job.getSpec().schedule.cron, job.getSpec().schedule.timeZone).schedule().next(clock.instant())
                        .map(Conditions::timestamp).orElse(null);
        Readiness.apply(status, problem, job.getMetadata().getGeneration(), Reasons.VALID, "the job is ready to run", clock);
        status.conditions = JobValidation.deprecation(status.conditions, job.getSpec(), catalog, job.getMetadata().getGeneration(), clock);
        UpdateControl<DataJob> update = StatusPatch.ifChanged(job, status);
        return untilExpiry.map(update::rescheduleAfter).orElse(update);
    }

    /** What the API server refuses (a CronJob too large, say) is Ready=False, not an endless retry. */
    @Override
    public ErrorStatusUpdateControl<DataJob> updateErrorStatus(DataJob job, Context<DataJob> context, Exception e) {
        return Failures.readyFalse(job, DataJobStatus::new, e, clock);
    }

    @Override
    public List<EventSource<?, DataJob>> prepareEventSources(EventSourceContext<DataJob> context) {
        // The label holds the job's name, shortened when it is long: it is looked up, not taken for the name.
        LabelledPrimaries.index(context);
        InformerEventSource<Job, DataJob> jobs = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(Job.class, DataJob.class)
                .withItemStore(new LeanItemStore<>())
                .withLabelSelector(RunLabels.JOB)
                .withSecondaryToPrimaryMapper(j -> LabelledPrimaries.named(context, j.getMetadata().getNamespace(),
                        j.getMetadata().getLabels().get(RunLabels.JOB)))
                .build(), context);
        jobs.addIndexers(Map.of(JOBS_BY_DATAJOB, j -> List.of(j.getMetadata().getNamespace() + "/"
                + j.getMetadata().getLabels().get(RunLabels.JOB))));
        return List.of(Environments.eventSource(context), Catalogs.eventSource(context, DataJobReconciler::usingTechnology),
                RunsByTarget.eventSource(context, spec -> spec.jobRef), jobs,
                RevisionCache.eventSource(context, RevisionCache.Targets.owner(RevisionTarget.JOB)),
                PromotionUse.eventSource(context, RevisionTarget.JOB));
    }

    /** The jobs of every namespace that name the technology: a catalog change re-validates them. */
    private static java.util.stream.Stream<DataJob> usingTechnology(EventSourceContext<DataJob> context, String technology) {
        return context.getPrimaryCache().list(job -> job.getSpec() != null && technology.equals(job.getSpec().technology));
    }

    private static String key(DataJob job) {
        return job.getMetadata().getNamespace() + "/" + LabelValues.of(job.getMetadata().getName());
    }
}
