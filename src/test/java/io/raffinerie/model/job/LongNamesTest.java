package io.raffinerie.model.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.model.RunLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.Schedule;
import io.raffinerie.api.v1alpha1.SparkSpec;
import io.raffinerie.model.LabelValues;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.environment.EnvironmentObjects;
import io.raffinerie.model.environment.EnvironmentValidation;
import io.raffinerie.model.environment.NamespaceModel;
import io.raffinerie.model.pipeline.PipelineSchedules;
import io.raffinerie.model.run.JobRuns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Objects of jobs, runs and environments with names longer than a label value: valid labels and names throughout. */
class LongNamesTest {
    private static final String LABEL_VALUE = "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$";
    private static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    static final String LONG = "quarterly-revenue-report-for-the-european-sales-organisation-extract-orders-from-the-warehouses";
    private static final String LONG_STEP = "load-the-cleaned-and-enriched-orders-into-the-sales-warehouse-x";

    private static DataJob job(String name, String technology) {
        DataJob job = new DataJob();
        job.getMetadata().setName(name);
        job.getMetadata().setNamespace("sales-dev");
        job.getMetadata().setGeneration(2L);
        job.setSpec(new DataJobSpec());
        job.getSpec().technology = technology;
        if ("spark".equals(technology)) {
            job.getSpec().spark = new SparkSpec();
            job.getSpec().spark.mainApplicationFile = "local:///opt/app.py";
        } else {
            job.getSpec().script = "echo hi";
        }
        job.getSpec().schedule = new Schedule();
        job.getSpec().schedule.cron = "0 2 * * *";
        return job;
    }

    private static DataRun run(String name) {
        DataRun run = new DataRun();
        run.getMetadata().setName(name);
        run.getMetadata().setNamespace("sales-dev");
        run.getMetadata().setUid("uid-1");
        return run;
    }

    private static TechnologyCatalog.Resolution resolution(DataJob job) {
        return ShippedCatalog.get().resolve(job.getSpec().technology, null, null);
    }

    /** Every label of the objects and of the pods they make. */
    private static List<Map<String, String>> labels(DataJob job, String step) {
        CronJob cronJob = CronJobs.desired(job, resolution(job), null);
        Job run = JobRuns.desired(run(job.getMetadata().getName() + "-8f2kq"), step, job, resolution(job), Map.of(), null);
        List<Map<String, String>> labels = new ArrayList<>(List.of(ScriptConfigMaps.desired(job).getMetadata().getLabels(),
                cronJob.getMetadata().getLabels(), cronJob.getSpec().getJobTemplate().getMetadata().getLabels(),
                cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getMetadata().getLabels(),
                run.getMetadata().getLabels(), run.getSpec().getTemplate().getMetadata().getLabels()));
        return labels;
    }

    @Test
    void everyLabelOfALongNamedJobAndRunIsAValidLabelValue() {
        DataJob job = job(LONG, "bash");
        for (Map<String, String> labels : labels(job, LONG_STEP)) {
            assertThat(labels.values()).allSatisfy(v -> assertThat(v).hasSizeLessThanOrEqualTo(63).matches(LABEL_VALUE));
            assertThat(labels).containsEntry(RunLabels.JOB, LabelValues.of(LONG));
        }
        Job run = JobRuns.desired(run(LONG + "-8f2kq"), LONG_STEP, job, resolution(job), Map.of(), null);
        assertThat(run.getMetadata().getLabels()).containsEntry(RunLabels.RUN, LabelValues.of(LONG + "-8f2kq"))
                .containsEntry(RunLabels.STEP, LONG_STEP);
    }

    @Test
    void sparkDriverAndExecutorLabelsAreValidToo() {
        List<String> args = Launch.sparkSubmitArgs(job(LONG, "spark"), "spark:4");
        assertThat(args).contains("spark.kubernetes.driver.label." + RunLabels.JOB + "=" + LabelValues.of(LONG),
                "spark.kubernetes.executor.label." + RunLabels.JOB + "=" + LabelValues.of(LONG));
    }

    @Test
    void everyDerivedNameFitsItsLimit() {
        DataJob job = job(LONG, "bash");
        DataRun run = run(LONG + "-8f2kq");
        assertThat(CronJobs.name(job)).hasSizeLessThanOrEqualTo(52).matches(DNS_LABEL);
        assertThat(ScriptConfigMaps.name(job)).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL);
        assertThat(JobRuns.jobName(run, null)).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL);
        assertThat(JobRuns.jobName(run, LONG_STEP)).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL)
                .isNotEqualTo(JobRuns.jobName(run, "extract"));
        assertThat(PipelineSchedules.runName(LONG, Instant.parse("2026-11-28T02:00:00Z"))).hasSizeLessThanOrEqualTo(63)
                .matches(DNS_LABEL);
        // The CronJob controller names its Jobs <cronjob>-<scheduled minutes>: they fit a Job name, and a run is named after them.
        assertThat(CronJobs.name(job) + "-" + (Instant.parse("2999-12-31T23:59:00Z").getEpochSecond() / 60))
                .hasSizeLessThanOrEqualTo(63);
    }

    @Test
    void shortNamesAreLabelledAsTheyAre() {
        DataJob job = job("extract", "bash");
        for (Map<String, String> labels : labels(job, "load")) {
            assertThat(labels).containsEntry(RunLabels.JOB, "extract");
        }
        Job run = JobRuns.desired(run("extract-8f2kq"), "load", job, resolution(job), Map.of(), null);
        assertThat(run.getMetadata().getLabels()).containsEntry(RunLabels.RUN, "extract-8f2kq").containsEntry(RunLabels.STEP, "load");
        assertThat(run.getMetadata().getName()).isEqualTo("extract-8f2kq-load");
    }

    private static DataEnvironment environment(String name, String namespace) {
        DataEnvironment environment = new DataEnvironment();
        environment.getMetadata().setName(name);
        environment.setSpec(new DataEnvironmentSpec());
        environment.getSpec().namespace = namespace;
        return environment;
    }

    @Test
    void aLongNamedEnvironmentLabelsItsObjectsWithAValidValueAndKnowsItsNamespaceByIt() {
        DataEnvironment environment = environment(LONG, "sales-dev");
        Namespace namespace = NamespaceModel.desired(environment, null);
        List<HasMetadata> objects = List.of(namespace, EnvironmentObjects.isolationPolicy(environment),
                EnvironmentObjects.runnerServiceAccount(environment));
        for (HasMetadata object : objects) {
            assertThat(object.getMetadata().getLabels()).containsEntry(EnvironmentModel.ENVIRONMENT_LABEL, LabelValues.of(LONG));
            assertThat(object.getMetadata().getLabels().values()).allSatisfy(v -> assertThat(v).matches(LABEL_VALUE)
                    .hasSizeLessThanOrEqualTo(63));
        }
        assertThat(NamespaceModel.checkClaim(environment, namespace)).as("its own namespace").isEmpty();
        assertThat(NamespaceModel.checkClaim(environment(LONG + "-2", "sales-dev"), namespace)).get()
                .satisfies(p -> assertThat(p.reason()).isEqualTo(Reasons.NAMESPACE_CONFLICT));
        Namespace unclaimed = new NamespaceBuilder().withNewMetadata().withName("sales-dev").endMetadata().build();
        assertThat(NamespaceModel.checkClaim(environment, unclaimed)).get().satisfies(p -> assertThat(p.message())
                .contains(EnvironmentModel.ENVIRONMENT_LABEL + "=" + LabelValues.of(LONG)));
        assertThat(EnvironmentValidation.validate(environment, "raffinerie-system")).isEmpty();
    }

    @Test
    void anEnvironmentWhoseNameCannotBeANamespaceNeedsSpecNamespace() {
        assertThat(EnvironmentValidation.validate(environment(LONG, null), "raffinerie-system")).get().satisfies(p -> {
            assertThat(p.reason()).isEqualTo(Reasons.INVALID_SPEC);
            assertThat(p.message()).startsWith("metadata.name: " + LONG).contains("set spec.namespace");
        });
        assertThat(EnvironmentValidation.validate(environment("sales.dev", null), "raffinerie-system")).isPresent();
    }
}
