package io.raffinerie.operator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataPipelineSpec;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunSpec;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.PipelineStep;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.it.ClusterIT;
import io.raffinerie.model.dashboard.Overview;
import io.raffinerie.model.dashboard.TargetViews;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The server time of the dashboard's pages with 1,000 runs in one environment: the page models built from what
 * the caches return and the templates rendered, as each request does after its (cached) access reviews. Printed,
 * not asserted: a shared 2-core machine makes timings a measurement, not a test.
 */
@QuarkusTest
@ClusterIT
class DashboardRenderTimeIT {
    static final int RUNS = 1000;
    static final int PIPELINES = 10;
    static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void pagesWithAThousandRuns() {
        DataEnvironment environment = new DataEnvironment();
        environment.getMetadata().setName("bench");
        environment.setSpec(new DataEnvironmentSpec());
        List<DataPipeline> pipelines = new ArrayList<>();
        for (int p = 0; p < PIPELINES; p++) {
            pipelines.add(pipeline("pipeline-" + p));
        }
        List<DataRun> runs = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            runs.add(run(i));
        }
        Overview.EnvironmentContent content = new Overview.EnvironmentContent(environment, "bench", List.of(), pipelines, runs);
        List<DataRun> ofPipeline = runs.stream().filter(r -> "pipeline-3".equals(r.getSpec().pipelineRef)).toList();
        DashboardUser user = new DashboardUser("alice", List.of("data"), "token");
        AccessReviews.Rights rights = new AccessReviews.Rights(true, true, true);

        String overview = measure("overview", () -> Pages.overview(Chrome.of("Overview", user, false),
                Overview.of(List.of(content), NOW)).render());
        String environmentPage = measure("environment", () -> Pages.environment(Chrome.of("bench", user, false),
                TargetViews.environment(content, List.of(), NOW), rights).render());
        String pipelinePage = measure("pipeline", () -> Pages.target(Chrome.of("pipeline-3", user, false),
                TargetViews.pipeline(pipelines.get(3), ofPipeline, NOW), rights,
                io.raffinerie.model.dashboard.RevisionViews.list("/ns/bench/pipelines/pipeline-3/diff", List.of(), null)).render());
        String runPage = measure("run", () -> Pages.run(Chrome.of("run", user, false), RunPage.of(runs.get(RUNS - 1), rights, NOW)).render());
        assertThat(overview).contains("bench");
        assertThat(environmentPage).contains("pipeline-9");
        assertThat(pipelinePage).contains("data-step=\"s4\"");
        assertThat(runPage).contains("Timeline");
    }

    private static String measure(String page, Supplier<String> render) {
        for (int i = 0; i < 30; i++) {
            render.get(); // warm-up: JIT and template caches
        }
        long[] nanos = new long[50];
        String html = "";
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            html = render.get();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "dashboard render time, %d runs, %s page (%d KiB): median %.1f ms, p95 %.1f ms, max %.1f ms%n",
                RUNS, page, html.length() / 1024, nanos[25] / 1e6, nanos[47] / 1e6, nanos[49] / 1e6);
        return html;
    }

    private static DataPipeline pipeline(String name) {
        DataPipeline pipeline = new DataPipeline();
        pipeline.getMetadata().setName(name);
        pipeline.getMetadata().setNamespace("bench");
        pipeline.setSpec(new DataPipelineSpec());
        pipeline.getSpec().steps = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            PipelineStep step = new PipelineStep();
            step.name = "s" + s;
            step.jobRef = "job-" + s;
            step.dependsOn = s == 0 ? null : s == 4 ? List.of("s2", "s3") : List.of("s0");
            pipeline.getSpec().steps.add(step);
        }
        return pipeline;
    }

    /** Runs of every phase, five steps each with a 2 KiB log tail, as the operator's statuses hold them. */
    private static DataRun run(int i) {
        DataRun run = new DataRun();
        Instant created = NOW.minusSeconds(60L * (RUNS - i));
        run.getMetadata().setName(String.format(Locale.ROOT, "pipeline-%d-%05d", i % PIPELINES, i));
        run.getMetadata().setNamespace("bench");
        run.getMetadata().setCreationTimestamp(created.toString());
        run.setSpec(new DataRunSpec());
        run.getSpec().pipelineRef = "pipeline-" + (i % PIPELINES);
        DataRunStatus status = new DataRunStatus();
        status.phase = i >= RUNS - 5 ? RunPhase.Running : i % 7 == 0 ? RunPhase.Failed : RunPhase.Succeeded;
        status.startTime = created.toString();
        status.completionTime = status.phase == RunPhase.Running ? null : created.plusSeconds(30 + i % 20).toString();
        status.progress = "5/5";
        for (int s = 0; s < 5; s++) {
            StepStatus step = new StepStatus();
            step.name = "s" + s;
            step.phase = status.phase == RunPhase.Failed && s == 4 ? StepPhase.Failed : StepPhase.Succeeded;
            step.startTime = created.plusSeconds(5L * s).toString();
            step.completionTime = created.plusSeconds(5L * s + 4).toString();
            step.exitCode = step.phase == StepPhase.Failed ? 1 : 0;
            step.logTail = "line of the step's log, as long as a real one tends to be\n".repeat(36);
            status.steps.add(step);
        }
        run.setStatus(status);
        return run;
    }
}
