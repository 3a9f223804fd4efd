package io.raffinerie.operator.run;

import io.fabric8.kubernetes.api.model.HasMetadata;
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
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.Trigger;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Readiness;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.pipeline.RunSnapshots;
import io.raffinerie.model.run.JobRuns;
import io.raffinerie.model.run.RunStarts;
import io.raffinerie.model.run.RunStatuses;
import io.raffinerie.model.run.RunValidation;
import io.raffinerie.operator.alert.RunAlerts;
import io.raffinerie.operator.archive.RunArchiver;
import io.raffinerie.operator.revision.RevisionCache;
import io.raffinerie.operator.revision.RunRevisions;
import io.raffinerie.operator.common.LabelledPrimaries;
import io.raffinerie.operator.common.Caches;
import io.raffinerie.operator.common.Catalogs;
import io.raffinerie.operator.common.LeanItemStore;
import io.raffinerie.operator.common.Environments;
import io.raffinerie.operator.common.Failures;
import io.raffinerie.operator.common.OperatorSettings;
import io.raffinerie.operator.common.StatusPatch;
import jakarta.inject.Inject;
import io.raffinerie.api.v1alpha1.StepStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs DataRuns. A run's whole state lives in its status and is re-derived from the cluster (its Jobs and pods)
 * on every reconciliation, so a restart of the operator is harmless.
 */
@ControllerConfiguration(name = "datarun", informer = @Informer(itemStore = LeanItemStore.class))
@RBACRule(apiGroups = "batch", resources = "jobs", verbs = {"get", "list", "watch", "create", "patch"})
// Pods are changed only for Spark: a driver adopted by its step's Job, the driver and executors of a step that ended
// deleted (SparkApplications).
@RBACRule(apiGroups = "", resources = "pods", verbs = {"get", "list", "watch", "patch", "delete", "deletecollection"})
@RBACRule(apiGroups = "", resources = "pods/log", verbs = "get")
// No Secret right here: each environment lets the operator read its own namespace's Secrets (SecretReaderBinding).
@RBACRule(apiGroups = "", resources = "events", verbs = "create")
@RBACRule(apiGroups = "raffinerie.io", resources = "datarevisions", verbs = {"get", "list", "watch"})
// The dashboard's rights (TokenReview, SubjectAccessReview, impersonation) are not the operator's: the chart grants
// them to the dashboard's own ServiceAccount (helm/raffinerie/templates/dashboard.yaml).
public class DataRunReconciler implements Reconciler<DataRun> {
    @Inject
    Clock clock;

    @Inject
    JobRunExecution jobRuns;

    @Inject
    PipelineRunExecution pipelineRuns;

    @Inject
    RunTransitions transitions;

    @Inject
    RunAlerts alerts;

    @Inject
    OperatorSettings settings;

    @Inject
    RunRevisions revisions;

    @Inject
    SparkApplications spark;

    @Inject
    RunArchiver archiver;

    @Override
    public UpdateControl<DataRun> reconcile(DataRun run, Context<DataRun> context) {
        DataRunStatus status = StatusPatch.copyOf(run.getStatus(), DataRunStatus::new);
        if (RunStatuses.isFinished(status)) {
            alerts.track(run, status.phase, status, context); // the last alerts may still be in flight
            spark.endAll(context, run.getMetadata().getNamespace(), status.steps == null ? List.of() : status.steps);
            Optional<Duration> archiveAgain = archive(run, status, context);
            UpdateControl<DataRun> finished = StatusPatch.ifChanged(run, status);
            return archiveAgain.map(finished::rescheduleAfter).orElse(finished);
        }
        RunPhase before = status.phase;
        String namespace = run.getMetadata().getNamespace();
        Optional<DataEnvironment> environment = Environments.find(context, namespace);
        Optional<DataJob> job = find(context, DataJob.class, namespace, run.getSpec().jobRef);
        Optional<DataPipeline> pipeline = find(context, DataPipeline.class, namespace, run.getSpec().pipelineRef);
        RunStatuses.initialize(status, RunStatuses.triggerOf(run.getMetadata().getLabels()));
        RunRevisions.JobChoice revision = job.isPresent() && status.steps.isEmpty() && status.trigger != Trigger.Schedule
                ? revisions.job(run, job.get(), context) : null;
        Optional<DataJob> executed = revision == null ? job : Optional.of(revision.job());
        Optional<Problem> revisionProblem = revision == null ? Optional.empty() : revision.problem();
        boolean pinned = run.getSpec().revision != null;
        Optional<Problem> problem = EnvironmentModel.checkHost(environment, namespace)
                .or(() -> pinned ? revisionProblem : Optional.empty())
                .or(() -> RunValidation.validate(run.getSpec(), namespace, executed, pipeline, Catalogs.of(context, environment)))
                .or(() -> revisionProblem);
        List<StepStatus> stepsBefore = List.copyOf(status.steps);
        Optional<Duration> untilDeadline = Optional.empty();
        boolean started;
        if (run.getSpec().jobRef != null) {
            // A scheduled run records a Job its CronJob already started: there is nothing left to validate.
            started = !status.steps.isEmpty() || status.trigger == Trigger.Schedule;
            if (problem.isEmpty() || started) {
                jobRuns.advance(run, executed.orElseGet(() -> JobRuns.placeholder(run)), environment, status, context);
                RunStatuses.recordRevision(status, revision != null ? revision.revision() : scheduledRevision(run, job, status, context));
            }
        } else {
            started = RunSnapshots.isFrozen(status);
            if (problem.isEmpty() || started) {
                PipelineRunExecution.Outcome outcome = pipelineRuns.advance(run, pipeline, environment, status, context);
                problem = outcome.problem();
                untilDeadline = outcome.untilDeadline();
                started = RunSnapshots.isFrozen(status);
            }
            transitions.recordSteps(run, stepsBefore, status.steps);
        }
        Optional<Duration> untilGiveUp = started ? Optional.empty() : problem.flatMap(p -> cannotStart(run, p, status));
        Readiness.apply(status, started ? Optional.empty() : problem, run.getMetadata().getGeneration(), Reasons.ACCEPTED,
                "the run is accepted", clock);
        transitions.record(run, job, before, status, context);
        alerts.track(run, before, status, context);
        // A run that finishes now is archived before its status says so, in the same write: no later event is awaited.
        Optional<Duration> archiveAgain = archive(run, status, context);
        UpdateControl<DataRun> update = StatusPatch.ifChanged(run, status);
        // The timers: the pipeline's deadline, the start grace and an archive write to try again. Step transitions come
        // from Job events.
        return untilDeadline.or(() -> untilGiveUp).or(() -> archiveAgain).map(update::rescheduleAfter).orElse(update);
    }

    /** Archives a finished run into its status (when the archive is on); returns when to try again if it failed. */
    private Optional<Duration> archive(DataRun run, DataRunStatus status, Context<DataRun> context) {
        return archiver.archive(run, status, () -> Environments.find(context, run.getMetadata().getNamespace())
                .map(e -> e.getMetadata().getName()));
    }

    /**
     * A run its CronJob started ran the job's current revision when its Job was built from the job's current
     * generation; otherwise which one is not known, and none is recorded.
     */
    private Long scheduledRevision(DataRun run, Optional<DataJob> job, DataRunStatus status, Context<DataRun> context) {
        if (status.revision != null || job.isEmpty() || status.specGeneration == null
                || !status.specGeneration.equals(job.get().getMetadata().getGeneration())) {
            return null;
        }
        return revisions.job(run, job.get(), context).revision();
    }

    /** A run that cannot start waits out its grace, then fails; returns how long it may still wait. */
    private Optional<Duration> cannotStart(DataRun run, Problem problem, DataRunStatus status) {
        String created = run.getMetadata().getCreationTimestamp();
        Duration grace = settings.runs().startGrace();
        RunStarts.Verdict verdict = RunStarts.judge(problem, created, grace, clock.instant());
        if (verdict.fail()) {
            RunStarts.fail(status, problem, clock.instant());
        } else {
            status.message = RunStarts.waiting(problem, created, grace);
        }
        return verdict.waitAtMost();
    }

    /**
     * A Job the API server refuses fails the run with its message. Other failures (a policy's 403, an outage) may pass:
     * they are retried with backoff, and the run says meanwhile why it waits. A conflict is routine and says nothing.
     */
    @Override
    public ErrorStatusUpdateControl<DataRun> updateErrorStatus(DataRun run, Context<DataRun> context, Exception e) {
        if (RunStatuses.isFinished(run.getStatus()) || Failures.isConflict(e)) {
            return ErrorStatusUpdateControl.defaultErrorProcessing();
        }
        DataRunStatus status = StatusPatch.copyOf(run.getStatus(), DataRunStatus::new);
        if (!Failures.isRefusal(e)) {
            status.message = Failures.retrying(e);
            return StatusPatch.errorStatus(run, status);
        }
        Problem problem = Failures.problem(e);
        RunStatuses.refused(status, problem.message(), clock.instant());
        Readiness.apply(status, Optional.of(problem), run.getMetadata().getGeneration(), Reasons.ACCEPTED, "", clock);
        return StatusPatch.errorStatus(run, status).withNoRetry();
    }

    @Override
    public List<EventSource<?, DataRun>> prepareEventSources(EventSourceContext<DataRun> context) {
        LabelledPrimaries.index(context); // Jobs and pods name their run in a label, shortened when the name is long
        return List.of(Environments.eventSource(context),
                Catalogs.eventSource(context, DataRunReconciler::notStarted),
                targetEventSource(context, DataJob.class, run -> run.getSpec().jobRef),
                targetEventSource(context, DataPipeline.class, run -> run.getSpec().pipelineRef),
                RunEventSources.jobs(context),
                RunEventSources.pods(context),
                RevisionCache.eventSource(context, RunRevisions.waitingRuns(context)),
                alerts.eventSource());
    }

    /** Runs that have not started: a technology appearing or changing may let them (GitOps applies in any order). */
    private static java.util.stream.Stream<DataRun> notStarted(EventSourceContext<DataRun> context, String technology) {
        return context.getPrimaryCache().list(run -> !RunStatuses.isFinished(run.getStatus())
                && (run.getStatus() == null || run.getStatus().steps == null || run.getStatus().steps.isEmpty()));
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
                .withItemStore(new LeanItemStore<>())
                .withSecondaryToPrimaryMapper(target -> context.getPrimaryCache().list(target.getMetadata().getNamespace())
                        .filter(run -> run.getSpec() != null && target.getMetadata().getName().equals(reference.apply(run)))
                        .filter(run -> !RunStatuses.isFinished(run.getStatus()))
                        .map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build(), context);
    }
}
