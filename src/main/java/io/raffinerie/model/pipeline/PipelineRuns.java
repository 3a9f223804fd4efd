package io.raffinerie.model.pipeline;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.raffinerie.api.v1alpha1.FailurePolicy;
import io.raffinerie.api.v1alpha1.FinallyStep;
import io.raffinerie.api.v1alpha1.PipelineStep;
import io.raffinerie.api.v1alpha1.ResultDeclaration;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.RunReason;
import io.raffinerie.api.v1alpha1.RunSnapshot;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.Conditions;
import io.raffinerie.model.Durations;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.run.RunStatuses;
import io.raffinerie.model.run.StepObservation;
import io.raffinerie.model.run.StepResults;
import io.raffinerie.model.run.SparkSteps;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The state machine of a pipeline run, as a pure function: from the frozen pipeline, the Jobs observed in the
 * cluster and the previous step statuses, what the steps are and what to do next. Every reconciliation derives
 * it again, so a restart of the operator is harmless.
 */
public final class PipelineRuns {
    private PipelineRuns() {
    }

    /** The Job and pods of a step, as observed, and the driver and executor pods of a Spark step. */
    public record Observed(Job job, List<Pod> pods, List<Pod> sparkPods) {
        public Observed(Job job, List<Pod> pods) {
            this(job, pods, List.of());
        }
    }

    /** Everything the plan depends on. */
    public record Input(RunSnapshot snapshot, Map<String, Observed> observed, List<StepStatus> previous, boolean cancel,
            Instant startTime, Instant now, Function<String, String> jobNames) {
    }

    public static PipelineRunPlan plan(Input input) {
        PipelineGraph graph = PipelineGraph.of(input.snapshot().pipeline.steps).graph();
        Map<String, StepStatus> previous = new LinkedHashMap<>();
        (input.previous() == null ? List.<StepStatus>of() : input.previous()).forEach(s -> previous.put(s.name, s));
        Optional<Duration> timeout = Durations.parse(input.snapshot().pipeline.timeout);
        Optional<Duration> untilDeadline = timeout.map(t -> Duration.between(input.now(), input.startTime().plus(t)));
        boolean timedOut = untilDeadline.map(d -> d.isNegative() || d.isZero()).orElse(false);
        boolean stopOnFailure = input.snapshot().pipeline.failurePolicy != FailurePolicy.Continue;

        // Every step is observed before any is decided: a failure anywhere in the run counts for the failure policy,
        // whatever the order in which the steps were declared.
        Map<String, StepStatus> observedSteps = new LinkedHashMap<>();
        List<String> toStop = new ArrayList<>();
        List<FinallyStep> finallySteps = FinallySteps.of(input.snapshot().pipeline);
        List<String> names = new ArrayList<>(graph.topologicalOrder());
        finallySteps.forEach(f -> names.add(f.name));
        Set<String> finallyNames = FinallySteps.names(input.snapshot().pipeline);
        for (String name : names) {
            StepStatus observed = observe(name, input, previous.get(name));
            // A finally step outlives the pipeline's timeout (its job's own timeout bounds it), not a cancel.
            boolean stop = input.cancel() || (timedOut && !finallyNames.contains(name));
            if (!observed.phase.isFinished() && observed.job != null && input.observed().containsKey(name) && stop
                    && !isSuspended(input.observed().get(name).job())) {
                toStop.add(observed.job);
            }
            observedSteps.put(name, observed);
        }
        Optional<String> failed = stopOnFailure ? graph.topologicalOrder().stream().map(observedSteps::get)
                .filter(s -> s.phase == StepPhase.Failed).map(s -> s.name).findFirst() : Optional.empty();
        Map<String, StepStatus> steps = new LinkedHashMap<>();
        List<String> toStart = new ArrayList<>();
        for (String name : graph.topologicalOrder()) {
            StepStatus observed = observedSteps.get(name);
            boolean decided = observed.phase != StepPhase.Pending || observed.job != null;
            steps.put(name, decided ? observed : decide(graph.step(name), graph, steps, input, timedOut, failed, toStart));
        }
        List<StepStatus> ordered = new ArrayList<>();
        input.snapshot().pipeline.steps.forEach(s -> ordered.add(steps.get(s.name)));
        List<StepStatus> mainSteps = List.copyOf(ordered);
        for (FinallyStep step : finallySteps) {
            StepStatus observed = observedSteps.get(step.name);
            boolean decided = observed.phase != StepPhase.Pending || observed.job != null;
            StepStatus status = decided ? observed : FinallySteps.decide(step, mainSteps, input.cancel(), timedOut,
                    input.jobNames().apply(step.name), toStart);
            status.finallyStep = true;
            ordered.add(status);
        }
        RunPhase phase = phase(ordered, input.cancel(), timedOut, toStart);
        return new PipelineRunPlan(ordered, toStart, toStop, phase, reason(ordered, phase, timedOut),
                message(ordered, phase, timedOut, input),
                phase.isFinished() ? Optional.empty() : untilDeadline.filter(d -> !d.isNegative() && !d.isZero()),
                finallySteps.isEmpty() ? Map.of() : FinallySteps.inputs(mainSteps, timedOut));
    }

    private static StepStatus observe(String name, Input input, StepStatus previous) {
        if (previous != null && previous.reusedFrom != null) {
            return previous;
        }
        Observed observed = input.observed().get(name);
        if (observed != null) {
            StepStatus status = StepObservation.observe(name, input.jobNames().apply(name), observed.job(), observed.pods(), previous);
            return SparkSteps.apply(StepResults.apply(status, previous, observed.pods(), declaredResults(input.snapshot(), name)),
                    previous, observed.sparkPods());
        }
        if (previous != null && previous.phase.isFinished()) {
            return previous;
        }
        if (previous != null && previous.job != null) {
            // Created earlier (the status says so) and neither cached nor found since: someone deleted it.
            return RunStatuses.jobDeleted(previous, name, previous.job, input.now());
        }
        StepStatus pending = new StepStatus();
        pending.name = name;
        pending.phase = StepPhase.Pending;
        return pending;
    }

    /** A step without a Job yet: start it, skip it, cancel it, or let it wait. */
    /** {@code failed}: a failed step of the run, when the failure policy is StopOnFailure. */
    private static StepStatus decide(PipelineStep step, PipelineGraph graph, Map<String, StepStatus> decided, Input input,
            boolean timedOut, Optional<String> failed, List<String> toStart) {
        StepStatus status = new StepStatus();
        status.name = step.name;
        if (input.cancel() || timedOut) {
            status.phase = input.cancel() ? StepPhase.Cancelled : StepPhase.Skipped;
            status.reason = input.cancel() ? Reasons.CANCELLED : "PipelineTimeout";
            status.message = input.cancel() ? "the run was cancelled before this step started"
                    : "the pipeline ran out of time before this step started";
            return status;
        }
        Map<String, StepPhase> upstream = new LinkedHashMap<>();
        for (String dependency : graph.dependenciesOf(step.name)) {
            StepStatus done = decided.get(dependency);
            if (!done.phase.isFinished()) {
                status.phase = StepPhase.Pending;
                status.message = "waiting for " + dependency;
                return status;
            }
            upstream.put(dependency, done.phase);
        }
        if (!StepConditions.isMet(step.when, upstream)) {
            status.phase = StepPhase.Skipped;
            status.reason = Reasons.CONDITION_NOT_MET;
            status.message = "when " + (step.when == null ? "AllSucceeded" : step.when) + ": " + describe(upstream);
            return status;
        }
        if (failed.isPresent() && !StepConditions.handlesFailure(step.when)) {
            status.phase = StepPhase.Skipped;
            status.reason = "StopOnFailure";
            status.message = "step " + failed.get() + " failed and the failure policy is StopOnFailure";
            return status;
        }
        if (StepConditions.isExpression(step.when)) {
            Optional<StepStatus> notRun = WhenTest.test(step, graph, decided);
            if (notRun.isPresent()) {
                return notRun.get();
            }
        }
        toStart.add(step.name);
        status.phase = StepPhase.Pending;
        status.job = input.jobNames().apply(step.name);
        return status;
    }

    private static List<ResultDeclaration> declaredResults(RunSnapshot snapshot, String step) {
        if (snapshot.jobs == null) {
            return null;
        }
        return FinallySteps.all(snapshot.pipeline).stream().filter(s -> s.name.equals(step)).findFirst()
                .flatMap(s -> RunSnapshots.frozenJob(snapshot, s.jobRef)).map(job -> job.results).orElse(null);
    }

    private static String describe(Map<String, StepPhase> upstream) {
        List<String> parts = new ArrayList<>();
        upstream.forEach((name, phase) -> parts.add("step " + name + " " + phase));
        return String.join(", ", parts);
    }

    private static RunPhase phase(List<StepStatus> steps, boolean cancel, boolean timedOut, List<String> toStart) {
        if (steps.stream().allMatch(s -> s.phase.isFinished())) {
            if (cancel) {
                return RunPhase.Cancelled;
            }
            if (timedOut || steps.stream().anyMatch(s -> s.phase == StepPhase.Failed)) {
                return RunPhase.Failed;
            }
            return RunPhase.Succeeded;
        }
        boolean started = !toStart.isEmpty() || steps.stream().anyMatch(s -> s.job != null || s.phase.isFinished());
        return started ? RunPhase.Running : RunPhase.Pending;
    }

    /** Why the run ended other than Succeeded; empty (null) while it runs or once it succeeded. */
    private static RunReason reason(List<StepStatus> steps, RunPhase phase, boolean timedOut) {
        if (phase == RunPhase.Cancelled) {
            return RunReason.Cancelled;
        }
        if (phase != RunPhase.Failed) {
            return null;
        }
        if (timedOut) {
            return RunReason.DeadlineExceeded;
        }
        return steps.stream().filter(s -> s.phase == StepPhase.Failed).findFirst()
                .map(s -> RunReason.JobDeleted.is(s.reason) ? RunReason.JobDeleted : RunReason.StepFailed).orElse(RunReason.StepFailed);
    }

    private static String message(List<StepStatus> steps, RunPhase phase, boolean timedOut, Input input) {
        if (phase != RunPhase.Failed) {
            return phase == RunPhase.Cancelled ? "the run was cancelled" : null;
        }
        if (timedOut) {
            return "the pipeline ran longer than its timeout of " + input.snapshot().pipeline.timeout;
        }
        return steps.stream().filter(s -> s.phase == StepPhase.Failed).findFirst()
                .map(s -> (Boolean.TRUE.equals(s.finallyStep) ? "finally step " : "step ") + s.name + " failed"
                        + (s.message == null ? "" : ": " + s.message)).orElse(null);
    }

    private static boolean isSuspended(Job job) {
        return job.getSpec() != null && Boolean.TRUE.equals(job.getSpec().getSuspend());
    }
}
