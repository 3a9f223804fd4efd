package io.raffinerie.model.dashboard;

import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataPromotion;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.FinallyWhen;
import io.raffinerie.api.v1alpha1.Parameter;
import io.raffinerie.api.v1alpha1.PipelineStep;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.api.v1alpha1.TargetStatus;
import io.raffinerie.model.Conditions;
import io.raffinerie.model.pipeline.FinallySteps;
import io.raffinerie.model.run.RunMeasures;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The environment page (its jobs and pipelines) and the page of one job or pipeline (its graph, runs and parameters). */
public final class TargetViews {
    static final int RECENT_RUNS = 20;

    /** A job or pipeline in the environment's lists. */
    public record TargetRow(String kind, String name, boolean ready, String problem, String lastRun, String lastPhase,
            String lastStarted, String schedule, String nextSchedule, DurationTrend.Chart trend) {
        /** Job or Pipeline, for headings. */
        public String kindTitle() {
            return Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
        }
    }

    public record EnvironmentPage(String environment, String namespace, List<TargetRow> pipelines, List<TargetRow> jobs,
            List<RunViews.RunRow> recentRuns, List<PromotionViews.PromotionRow> promotions) {
    }

    /** A step in the graph, coloured by its phase in the last run (None when it has not run). */
    /** A step of the graph; a finally step comes after every step that nothing else waits for. */
    public record GraphStep(DagLayout.Node node, String jobRef, String phase, String when, boolean finallyStep) {
    }

    public record ParameterField(String name, String defaultValue, String description) {
    }

    /** {@code layout} is null for a job, which has no graph. */
    public record TargetPage(String namespace, TargetRow summary, DagLayout.Layout layout, List<GraphStep> steps,
            List<DagLayout.Edge> edges, List<ParameterField> parameters, List<RunViews.RunRow> runs) {
    }

    private TargetViews() {
    }

    public static EnvironmentPage environment(Overview.EnvironmentContent content, List<DataPromotion> promotions, Instant now) {
        Map<String, List<DataRun>> runsByTarget = content.runs().stream().collect(Collectors.groupingBy(RunViews::targetKey));
        String ns = content.namespace();
        List<TargetRow> pipelines = content.pipelines().stream().sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .map(p -> pipelineRow(p, runsOf(runsByTarget, ns, RunMeasures.PIPELINE, p.getMetadata().getName()))).toList();
        List<TargetRow> jobs = content.jobs().stream().sorted(Comparator.comparing(j -> j.getMetadata().getName()))
                .map(j -> jobRow(j, runsOf(runsByTarget, ns, RunMeasures.JOB, j.getMetadata().getName()))).toList();
        return new EnvironmentPage(content.environment().getMetadata().getName(), ns, pipelines, jobs,
                Overview.rows(content.runs(), now).stream().limit(RECENT_RUNS).toList(), PromotionViews.rows(promotions));
    }

    public static TargetPage pipeline(DataPipeline pipeline, List<DataRun> runs, Instant now) {
        List<PipelineStep> steps = pipeline.getSpec() == null || pipeline.getSpec().steps == null ? List.of() : pipeline.getSpec().steps;
        Map<String, List<String>> graph = new LinkedHashMap<>();
        steps.forEach(step -> graph.put(step.name, step.dependsOn == null ? List.of() : step.dependsOn));
        Set<String> awaited = steps.stream().flatMap(s -> s.dependsOn == null ? Stream.empty() : s.dependsOn.stream())
                .collect(Collectors.toSet());
        List<String> ends = steps.stream().map(s -> s.name).filter(name -> !awaited.contains(name)).toList();
        Map<String, String> finallyWhen = new LinkedHashMap<>();
        FinallySteps.of(pipeline.getSpec()).forEach(f -> {
            graph.putIfAbsent(f.name, ends);
            finallyWhen.put(f.name, f.when == null ? FinallyWhen.Always.name() : f.when.name());
        });
        DagLayout.Layout layout = DagLayout.of(graph);
        Map<String, PipelineStep> byName = FinallySteps.all(pipeline.getSpec()).stream()
                .collect(Collectors.toMap(s -> s.name, Function.identity(), (a, b) -> a));
        Map<String, StepStatus> lastSteps = runs.stream().sorted(RunViews.NEWEST_FIRST).findFirst()
                .filter(run -> run.getStatus() != null && run.getStatus().steps != null)
                .map(run -> run.getStatus().steps.stream().filter(s -> s.name != null)
                        .collect(Collectors.toMap(s -> s.name, Function.identity(), (a, b) -> a)))
                .orElse(Map.of());
        List<GraphStep> nodes = layout.nodes().stream().map(node -> {
            PipelineStep step = byName.get(node.name());
            StepStatus last = lastSteps.get(node.name());
            String when = finallyWhen.getOrDefault(node.name(), step.when == null ? "" : step.when);
            return new GraphStep(node, step.jobRef, last == null || last.phase == null ? "None" : last.phase.name(), when,
                    finallyWhen.containsKey(node.name()));
        }).toList();
        List<Parameter> parameters = pipeline.getSpec() == null ? null : pipeline.getSpec().parameters;
        return new TargetPage(pipeline.getMetadata().getNamespace(), pipelineRow(pipeline, runs), layout, nodes,
                layout.edges(), fields(parameters), Overview.rows(runs, now).stream().limit(RECENT_RUNS).toList());
    }

    public static TargetPage job(DataJob job, List<DataRun> runs, Instant now) {
        List<Parameter> parameters = job.getSpec() == null ? null : job.getSpec().parameters;
        return new TargetPage(job.getMetadata().getNamespace(), jobRow(job, runs), null, List.of(), List.of(),
                fields(parameters), Overview.rows(runs, now).stream().limit(RECENT_RUNS).toList());
    }

    static TargetRow pipelineRow(DataPipeline pipeline, List<DataRun> runs) {
        String cron = pipeline.getSpec() == null || pipeline.getSpec().schedule == null ? "" : pipeline.getSpec().schedule.cron;
        return row(RunViews.PIPELINE, pipeline.getMetadata().getName(), pipeline.getStatus(), cron, runs);
    }

    static TargetRow jobRow(DataJob job, List<DataRun> runs) {
        String cron = job.getSpec() == null || job.getSpec().schedule == null ? "" : job.getSpec().schedule.cron;
        return row(RunViews.JOB, job.getMetadata().getName(), job.getStatus(), cron, runs);
    }

    private static TargetRow row(String kind, String name, TargetStatus status, String cron, List<DataRun> runs) {
        Optional<DataRun> last = runs.stream().sorted(RunViews.NEWEST_FIRST).findFirst();
        boolean ready = status != null && Conditions.isTrue(status.conditions, Conditions.READY);
        String problem = status == null ? "" : Conditions.find(status.conditions, Conditions.READY)
                .filter(c -> !Conditions.TRUE.equals(c.getStatus()))
                .map(c -> c.getReason() + ": " + c.getMessage()).orElse("");
        return new TargetRow(kind, name, ready, problem, last.map(r -> r.getMetadata().getName()).orElse(""),
                last.map(r -> RunViews.phaseOf(r.getStatus())).orElse(""),
                last.map(r -> r.getStatus() == null || r.getStatus().startTime == null ? "" : r.getStatus().startTime).orElse(""),
                Objects.toString(cron, ""), status == null || status.nextScheduleTime == null ? "" : status.nextScheduleTime,
                DurationTrend.of(runs));
    }

    private static List<ParameterField> fields(List<Parameter> parameters) {
        return parameters == null ? List.of() : parameters.stream()
                .map(p -> new ParameterField(p.name, Objects.toString(p.defaultValue, ""), Objects.toString(p.description, ""))).toList();
    }

    private static List<DataRun> runsOf(Map<String, List<DataRun>> byTarget, String namespace, String kind, String name) {
        return byTarget.getOrDefault(namespace + "/" + kind + "/" + name, List.of());
    }
}
