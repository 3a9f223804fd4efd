package io.raffinerie.model.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.PipelineStep;
import io.raffinerie.model.Fixtures;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.job.ShippedCatalog;
import io.raffinerie.model.job.TechnologyCatalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineValidationTest {
    private static final List<PipelineStep> DIAMOND = Fixtures.load("pipelines/diamond.yaml", DataPipeline.class).getSpec().steps;

    private static DataJobSpec job(String technology) {
        DataJobSpec spec = new DataJobSpec();
        spec.technology = technology;
        spec.script = "echo hi";
        return spec;
    }

    private static Map<String, DataJobSpec> validJobs() {
        Map<String, DataJobSpec> jobs = new HashMap<>();
        DIAMOND.forEach(step -> jobs.put(step.jobRef, job("bash")));
        return jobs;
    }

    @Test
    void aPipelineOfValidJobsIsValid() {
        assertThat(PipelineValidation.invalidStepJob(DIAMOND, validJobs()::get, ShippedCatalog.get())).isEmpty();
    }

    @Test
    void aPipelineIsNoReadierThanItsJobs() {
        Map<String, DataJobSpec> jobs = validJobs();
        PipelineStep clean = DIAMOND.stream().filter(s -> s.name.equals("clean")).findFirst().orElseThrow();
        jobs.put(clean.jobRef, job("pyhton"));
        assertThat(PipelineValidation.invalidStepJob(DIAMOND, jobs::get, ShippedCatalog.get())).hasValueSatisfying(p -> {
            assertThat(p.reason()).isEqualTo(Reasons.UNKNOWN_TECHNOLOGY);
            assertThat(p.message()).startsWith("step clean: DataJob " + clean.jobRef + " is not valid: spec.technology: \"pyhton\"");
        });
    }

    @Test
    void aFinallyStepNeedsItsJobAndANameOfItsOwn() {
        DataPipeline pipeline = Fixtures.load("pipelines/diamond.yaml", DataPipeline.class);
        java.util.Set<String> jobs = new java.util.HashSet<>(validJobs().keySet());
        io.raffinerie.api.v1alpha1.FinallyStep notify = new io.raffinerie.api.v1alpha1.FinallyStep();
        notify.name = "notify";
        notify.jobRef = "page-on-call";
        pipeline.getSpec().finallySteps = List.of(notify);
        assertThat(PipelineValidation.validate(pipeline.getSpec(), jobs, "sales-dev")).hasValueSatisfying(p -> {
            assertThat(p.reason()).isEqualTo(Reasons.JOB_NOT_FOUND);
            assertThat(p.message()).isEqualTo("finally step \"notify\" runs DataJob \"page-on-call\", which does not exist in"
                    + " namespace sales-dev");
        });
        jobs.add("page-on-call");
        assertThat(PipelineValidation.validate(pipeline.getSpec(), jobs, "sales-dev")).isEmpty();
        notify.name = "load";
        assertThat(PipelineValidation.validate(pipeline.getSpec(), jobs, "sales-dev")).hasValueSatisfying(p -> assertThat(p.message())
                .isEqualTo("spec.finally: the step name \"load\" is used more than once; step names must be unique"));
    }

    @Test
    void missingJobsAreLeftToTheMissingJobCheck() {
        assertThat(PipelineValidation.invalidStepJob(DIAMOND, name -> null, ShippedCatalog.get())).isEmpty();
    }
}
