package io.raffinerie.operator.run;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.api.v1alpha1.Trigger;
import io.raffinerie.api.v1alpha1.Variable;
import io.raffinerie.model.job.TechnologyCatalog;
import io.raffinerie.model.run.JobRuns;
import io.raffinerie.model.RunParameters;
import io.raffinerie.model.run.RunStatuses;
import io.raffinerie.model.run.StepObservation;
import io.raffinerie.model.run.StepResults;
import io.raffinerie.model.run.SparkSteps;
import io.raffinerie.operator.common.Catalogs;
import io.raffinerie.operator.common.Creations;
import io.raffinerie.operator.revision.RunRevisions;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Runs the one step of a job run: creates its Job once, stops it on cancel, and reads the step's state and log
 * tail back into the run's status.
 */
@ApplicationScoped
public class JobRunExecution {
    private final KubernetesClient client;
    private final StepLogReader logs;
    private final Clock clock;
    private final RunRevisions revisions;
    private final SparkApplications spark;

    public JobRunExecution(KubernetesClient client, StepLogReader logs, Clock clock, RunRevisions revisions,
            SparkApplications spark) {
        this.client = client;
        this.spark = spark;
        this.revisions = revisions;
        this.logs = logs;
        this.clock = clock;
    }

    /** Advances {@code status}, which starts as a copy of the run's; the run has passed validation. */
    void advance(DataRun run, DataJob job, Optional<DataEnvironment> environment, DataRunStatus status, Context<DataRun> context) {
        String namespace = run.getMetadata().getNamespace();
        String jobName = JobRuns.jobName(run, null);
        StepStatus previous = status.steps.isEmpty() ? null : status.steps.get(0);
        // A scheduled run records a Job its CronJob started: the Job exists even when this controller's cache lags.
        boolean known = RunEventSources.created(previous) || previous == null && status.trigger == Trigger.Schedule;
        Optional<Job> existing = RunEventSources.jobOrConfirm(context, client, namespace, jobName, known);
        boolean cancel = Boolean.TRUE.equals(run.getSpec().cancel);
        StepStatus step;
        if (existing.isEmpty()) {
            step = startOrExplain(run, job, environment, status, previous, cancel, jobName, Catalogs.of(context, environment));
        } else {
            Job current = existing.get();
            List<Pod> pods = RunEventSources.podsOf(context, namespace, jobName);
            step = SparkSteps.apply(StepResults.apply(StepObservation.observe(job.getMetadata().getName(), jobName, current, pods,
                    previous), previous, pods, job.getSpec().results), previous, RunEventSources.sparkPodsOf(context, namespace, jobName));
            if (cancel && !step.phase.isFinished() && !Boolean.TRUE.equals(current.getSpec().getSuspend())) {
                JobSuspension.suspend(client, namespace, jobName);
            }
            if (status.specGeneration == null) {
                status.specGeneration = JobRuns.specGeneration(current);
            }
            if (step.phase.isFinished() && step.phase != StepPhase.Cancelled && step.logTail == null) {
                step.logTail = logs.tailOfLastAttempt(namespace, pods);
            }
            spark.follow(context, namespace, step, current, pods);
        }
        RunStatuses.applyJobRun(status, step, clock);
    }

    private StepStatus startOrExplain(DataRun run, DataJob job, Optional<DataEnvironment> environment, DataRunStatus status,
            StepStatus previous, boolean cancel, String jobName, TechnologyCatalog catalog) {
        String stepName = job.getMetadata().getName();
        if (cancel) {
            return RunStatuses.cancelledBeforeStart(stepName, jobName);
        }
        if (previous != null && previous.phase != StepPhase.Pending || status.trigger == Trigger.Schedule) {
            return RunStatuses.jobDeleted(previous, stepName, jobName, clock.instant());
        }
        TechnologyCatalog.Resolution resolution = catalog.resolve(job.getSpec().technology, job.getSpec().version, job.getSpec().image);
        var parameters = RunParameters.resolve("DataJob " + stepName, job.getSpec().parameters, run.getSpec().parameters).values();
        if (run.getSpec().revision != null) {
            revisions.ensureScript(run, job); // an old script's ConfigMap may be gone: the Job mounts it by content
        }
        Creations.createIfAbsent(client, JobRuns.desired(run, null, job, resolution, parameters,
                environment.map(DataEnvironment::getSpec).orElse(null)));
        status.specGeneration = job.getMetadata().getGeneration();
        StepStatus created = new StepStatus();
        created.name = stepName;
        created.job = jobName;
        created.phase = StepPhase.Pending;
        return created;
    }
}
