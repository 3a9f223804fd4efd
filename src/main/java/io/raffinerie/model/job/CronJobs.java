package io.raffinerie.model.job;

import io.raffinerie.model.RunLabels;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.Schedule;
import io.raffinerie.api.v1alpha1.Trigger;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.model.ChildNames;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Durations;
import io.raffinerie.model.RunParameters;
import java.util.List;
import java.util.Map;

/**
 * The CronJob of a scheduled DataJob. Kubernetes keeps firing it while the operator is down; the operator records
 * each Job it starts as a DataRun named after the Job.
 */
public final class CronJobs {
    /** CronJob names leave room for the 11 characters the controller appends to its Jobs' names. */
    static final int MAX_NAME_LENGTH = 52;
    /** The DataRuns are the history; the CronJob keeps only a few Jobs of its own. */
    static final int JOBS_KEPT = 3;

    private CronJobs() {
    }

    public static String name(DataJob job) {
        return ChildNames.ofMaxLength(MAX_NAME_LENGTH, job.getMetadata().getName());
    }

    public static CronJob desired(DataJob job, TechnologyCatalog.Resolution resolution, DataEnvironmentSpec environment) {
        Schedule schedule = job.getSpec().schedule;
        Map<String, String> labels = JobTemplates.labels(job.getMetadata().getName());
        labels.put(RunLabels.TRIGGER, Trigger.Schedule.name());
        labels.put(RunLabels.SPEC_GENERATION, String.valueOf(job.getMetadata().getGeneration()));
        Map<String, String> parameters = RunParameters.resolve("DataJob " + job.getMetadata().getName(),
                job.getSpec().parameters, Map.of()).values();
        CronJobBuilder cronJob = new CronJobBuilder()
                .withNewMetadata()
                .withName(name(job))
                .withNamespace(job.getMetadata().getNamespace())
                .withLabels(JobTemplates.labels(job.getMetadata().getName()))
                .endMetadata()
                .withNewSpec()
                .withSchedule(schedule.cron)
                .withTimeZone(schedule.timeZone)
                .withConcurrencyPolicy(schedule.concurrencyPolicy == null ? "Allow" : schedule.concurrencyPolicy.name())
                .withSuspend(Boolean.TRUE.equals(schedule.suspend))
                .withSuccessfulJobsHistoryLimit(JOBS_KEPT)
                .withFailedJobsHistoryLimit(JOBS_KEPT)
                .withNewJobTemplate()
                .withNewMetadata().withLabels(labels)
                .withAnnotations(resolution.version() == null ? null : Map.of(RunLabels.TECHNOLOGY_VERSION, resolution.version()))
                .endMetadata()
                .withSpec(JobTemplates.spec(job, resolution, parameters, environment, labels))
                .endJobTemplate()
                .endSpec();
        Durations.parse(schedule.startingDeadline)
                .ifPresent(deadline -> cronJob.editSpec().withStartingDeadlineSeconds(deadline.toSeconds()).endSpec());
        return cronJob.build();
    }

    /** The problem of a job whose CronJob is suspended because of it. */
    public static Problem suspendedWhileInvalid(Problem problem, String cronJob) {
        return new Problem(problem.reason(), problem.message() + "; the CronJob " + cronJob
                + " is suspended until this is fixed");
    }
}
