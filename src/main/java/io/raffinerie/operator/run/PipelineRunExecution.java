package io.raffinerie.operator.run;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.PipelineStep;
import io.raffinerie.api.v1alpha1.RunSnapshot;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.api.v1alpha1.Variable;
import io.raffinerie.model.Conditions;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.job.TechnologyCatalog;
import io.raffinerie.model.pipeline.PipelineRunPlan;
import io.raffinerie.model.pipeline.PipelineRuns;
import io.raffinerie.model.pipeline.FinallySteps;
import io.raffinerie.model.pipeline.PipelineValidation;
import io.raffinerie.model.pipeline.RunSnapshots;
import io.raffinerie.model.pipeline.StepInputs;
import io.raffinerie.model.pipeline.Workspaces;
import io.raffinerie.model.run.RunProgress;
import io.raffinerie.model.run.JobRuns;
import io.raffinerie.model.RunParameters;
import io.raffinerie.model.run.RunStatuses;
import io.raffinerie.operator.common.Caches;
import io.raffinerie.operator.common.Catalogs;
import io.raffinerie.operator.common.Creations;
import io.raffinerie.operator.common.RunMetrics;
import io.raffinerie.operator.revision.RunRevisions;
import io.raffinerie.model.revision.SnapshotRevisions;
import io.raffinerie.model.run.RunMeasures;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs a pipeline run: freezes the pipeline when the run starts, then on every reconciliation observes the
 * steps' Jobs, asks the model what to do, creates the Jobs of the steps that became ready, stops Jobs on cancel or
 * timeout, and reads the log tails of steps that ended.
 */
@ApplicationScoped
public class PipelineRunExecution {
    private final KubernetesClient client;
    private final StepLogReader logs;
    private final Clock clock;
    private final RunMetrics metrics;
    private final RunRevisions revisions;
    private final SparkApplications spark;

    public PipelineRunExecution(KubernetesClient client, StepLogReader logs, Clock clock,
            RunMetrics metrics, RunRevisions revisions, SparkApplications spark) {
        this.revisions = revisions;
        this.spark = spark;
        this.metrics = metrics;
        this.client = client;
        this.logs = logs;
        this.clock = clock;
    }

    /** What advancing a run gave: a problem that keeps it from starting, or the time left before its deadline. */
    record Outcome(Optional<Problem> problem, Optional<Duration> untilDeadline) {
    }

    Outcome advance(DataRun run, Optional<DataPipeline> pipeline, Optional<DataEnvironment> environment, DataRunStatus status,
            Context<DataRun> context) {
        String namespace = run.getMetadata().getNamespace();
        Instant observedAt = clock.instant();
        TechnologyCatalog catalog = Catalogs.of(context, environment);
        if (!RunSnapshots.isFrozen(status)) {
            Optional<Problem> problem = start(run, pipeline, status, context, catalog);
            if (problem.isPresent()) {
                return new Outcome(problem, Optional.empty());
            }
        }
        RunSnapshot snapshot = RunSnapshots.frozen(status).orElseThrow();
        Map<String, PipelineRuns.Observed> observed = observe(run, snapshot, status.steps, context);
        PipelineRunPlan plan = PipelineRuns.plan(new PipelineRuns.Input(snapshot, observed, status.steps,
                Boolean.TRUE.equals(run.getSpec().cancel), Instant.parse(status.startTime), clock.instant(),
                step -> JobRuns.jobName(run, step)));
        List<Variable> variables = environment.map(e -> e.getSpec().variables).orElse(null);
        Map<String, StepStatus> before = byName(status.steps);
        Map<String, StepStatus> after = byName(plan.steps());
        for (String step : plan.stepsToStart()) {
            PipelineStep declared = declared(snapshot, step);
            if (createJob(run, snapshot, declared, inputs(snapshot, plan, declared, after), RunParameters.given(run.getSpec(), status),
                    environment.map(DataEnvironment::getSpec).orElse(null), catalog)) {
                RunMeasures.upstreamDone(declared.dependsOn, before, after, observedAt)
                        .ifPresent(done -> metrics.stepTransition(run, Duration.between(done, clock.instant())));
            }
        }
        plan.jobsToStop().forEach(job -> JobSuspension.suspend(client, namespace, job));
        for (StepStatus step : plan.steps()) {
            readLogTail(namespace, step, observed.get(step.name));
            if (observed.containsKey(step.name)) {
                spark.follow(context, namespace, step, observed.get(step.name).job(), observed.get(step.name).pods());
            }
        }
        SnapshotRevisions.stampSteps(snapshot, plan.steps());
        status.steps = plan.steps();
        status.phase = plan.phase();
        status.reason = plan.reason();
        status.message = plan.message();
        RunProgress.apply(status);
        if (plan.phase().isFinished() && status.completionTime == null) {
            status.completionTime = Conditions.timestamp(clock.instant());
        }
        return new Outcome(Optional.empty(), plan.untilDeadline());
    }

    /** Freezes what the run executes: the pipeline now, or the run it retries. */
    private Optional<Problem> start(DataRun run, Optional<DataPipeline> pipeline, DataRunStatus status, Context<DataRun> context,
            TechnologyCatalog catalog) {
        String namespace = run.getMetadata().getNamespace();
        RunSnapshot snapshot;
        List<StepStatus> steps = new ArrayList<>();
        Map<String, String> parameters = run.getSpec().parameters;
        DataRun original = null;
        if (run.getSpec().retryOf != null) {
            original = context.getPrimaryCache().get(new ResourceID(run.getSpec().retryOf, namespace)).orElse(null);
            if (original == null || !RunSnapshots.isFrozen(original.getStatus()) || !RunStatuses.isFinished(original.getStatus())) {
                return Optional.of(new Problem(Reasons.RUN_NOT_FOUND, "spec.retryOf: " + run.getSpec().retryOf
                        + " is not a finished pipeline run in namespace " + namespace));
            }
            if (!run.getSpec().pipelineRef.equals(original.getSpec().pipelineRef)) {
                return Optional.of(new Problem(Reasons.INVALID_SPEC, "spec.retryOf: " + run.getSpec().retryOf + " ran pipeline "
                        + original.getSpec().pipelineRef + ", not " + run.getSpec().pipelineRef));
            }
            parameters = RunParameters.inherit(original.getStatus().parameters != null ? original.getStatus().parameters
                    : original.getSpec().parameters, run.getSpec().parameters);
        }
        if (original != null && !RunSnapshots.retriesLatest(run.getSpec())) {
            snapshot = RunSnapshots.frozen(original.getStatus()).orElseThrow();
        } else if (run.getSpec().revision != null) {
            RunRevisions.PipelineChoice pinned = revisions.pinned(run, context);
            if (pinned.problem().isPresent()) {
                return pinned.problem();
            }
            snapshot = pinned.snapshot();
            Optional<Problem> invalid = PipelineValidation.validate(snapshot.pipeline,
                    snapshot.jobs.stream().map(j -> j.name).collect(Collectors.toSet()), namespace);
            if (invalid.isPresent()) {
                return invalid;
            }
        } else {
            Map<String, DataJob> jobs = Caches.list(context, DataJob.class, namespace)
                    .collect(Collectors.toMap(j -> j.getMetadata().getName(), j -> j));
            Optional<Problem> invalid = PipelineValidation.validate(pipeline.get().getSpec(), jobs.keySet(), namespace);
            if (invalid.isPresent()) {
                return invalid;
            }
            snapshot = RunSnapshots.of(pipeline.get(), jobs);
            Optional<Problem> pending = RunRevisions.stamp(snapshot, pipeline.get(), name -> jobs.containsKey(name)
                    ? jobs.get(name).getSpec() : null, context);
            if (pending.isPresent()) {
                return pending;
            }
        }
        if (original != null) {
            steps.addAll(RunSnapshots.reusedSteps(original, snapshot));
        }
        Map<String, String> values = parameters;
        RunSnapshot frozen = snapshot;
        // Every step's job is checked before the first starts, so that no step fails half-way for a reason known now.
        Optional<Problem> problem = PipelineValidation.invalidStepJob(FinallySteps.all(snapshot.pipeline),
                        name -> RunSnapshots.frozenJob(frozen, name).orElse(null), catalog)
                .or(() -> StepInputs.check(frozen.pipeline, name -> RunSnapshots.frozenJob(frozen, name).orElse(null)))
                .or(() -> RunSnapshots.sizeProblem(frozen))
                .or(() -> RunParameters.resolve("DataPipeline " + run.getSpec().pipelineRef, frozen.pipeline.parameters, values)
                        .problem())
                .or(() -> RunSnapshots.missingStepParameter(frozen, values));
        if (problem.isEmpty()) {
            status.frozen = RunSnapshots.freeze(snapshot);
            status.snapshot = null;
            // Recorded only where it differs from the run's spec: for a retry, which inherits the original's values.
            status.parameters = original == null || values.isEmpty() ? null : values;
            status.specGeneration = snapshot.pipelineGeneration;
            status.revision = snapshot.pipelineRevision;
            if (run.getSpec().revision != null) {
                snapshot.jobs.forEach(j -> revisions.ensureScript(run, RunSnapshots.job(snapshot, j.name, namespace)));
            }
            status.startTime = Conditions.timestamp(clock.instant());
            status.steps = steps;
        }
        return problem;
    }

    /** The Jobs of the steps, from the cache, or from the API server for a Job created but not cached yet. */
    private Map<String, PipelineRuns.Observed> observe(DataRun run, RunSnapshot snapshot, List<StepStatus> previous,
            Context<DataRun> context) {
        String namespace = run.getMetadata().getNamespace();
        Map<String, StepStatus> before = byName(previous);
        Map<String, PipelineRuns.Observed> observed = new HashMap<>();
        for (PipelineStep step : FinallySteps.all(snapshot.pipeline)) {
            String jobName = JobRuns.jobName(run, step.name);
            RunEventSources.jobOrConfirm(context, client, namespace, jobName, RunEventSources.created(before.get(step.name)))
                    .ifPresent(j -> observed.put(step.name, new PipelineRuns.Observed(j, RunEventSources.podsOf(context, namespace, jobName),
                            RunEventSources.sparkPodsOf(context, namespace, jobName))));
        }
        return observed;
    }

    private boolean createJob(DataRun run, RunSnapshot snapshot, PipelineStep step, Map<String, String> inputs,
            Map<String, String> parameters, DataEnvironmentSpec environment, TechnologyCatalog catalog) {
        DataJob job = RunSnapshots.job(snapshot, step, run.getMetadata().getNamespace());
        TechnologyCatalog.Resolution resolution = catalog.resolve(job.getSpec().technology, job.getSpec().version, job.getSpec().image);
        Map<String, String> values = new LinkedHashMap<>(RunSnapshots.stepParameters(snapshot, step, parameters));
        values.putAll(inputs);
        return Creations.createIfAbsent(client, Workspaces.mounted(JobRuns.desired(run, step.name, job, resolution, values, environment),
                snapshot.pipeline.workspace));
    }

    /** What a step learns of the run besides its parameters: a finally step the outcome, a step its inputs. */
    private static Map<String, String> inputs(RunSnapshot snapshot, PipelineRunPlan plan, PipelineStep step,
            Map<String, StepStatus> steps) {
        return FinallySteps.names(snapshot.pipeline).contains(step.name) ? plan.finallyInputs() : StepInputs.values(step, steps);
    }

    private void readLogTail(String namespace, StepStatus step, PipelineRuns.Observed observed) {
        if (observed == null || step.logTail != null || !step.phase.isFinished() || step.phase == StepPhase.Cancelled) {
            return;
        }
        step.logTail = logs.tailOfLastAttempt(namespace, observed.pods());
    }

    private static PipelineStep declared(RunSnapshot snapshot, String step) {
        return FinallySteps.all(snapshot.pipeline).stream().filter(s -> s.name.equals(step)).findFirst().orElseThrow();
    }

    private static Map<String, StepStatus> byName(List<StepStatus> steps) {
        return steps.stream().collect(Collectors.toMap(s -> s.name, s -> s, (a, b) -> a));
    }
}
