package io.raffinerie.model.run;

import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.Conditions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the metrics measure of a run, computed from its status alone. */
public final class RunMeasures {
    public static final String JOB = "DataJob";
    public static final String PIPELINE = "DataPipeline";

    private RunMeasures() {
    }

    /** The job or pipeline a run executes: the bounded identity its metrics carry, never the run's own name. */
    public record Target(String namespace, String kind, String name) {
        public static Target of(DataRun run) {
            String namespace = run.getMetadata().getNamespace();
            return run.getSpec().jobRef != null ? new Target(namespace, JOB, run.getSpec().jobRef)
                    : new Target(namespace, PIPELINE, run.getSpec().pipelineRef);
        }
    }

    /** Start to completion, when both are known. */
    public static Optional<Duration> duration(String startTime, String completionTime) {
        Optional<Instant> start = instant(startTime);
        Optional<Instant> end = instant(completionTime);
        return start.isPresent() && end.isPresent() && !end.get().isBefore(start.get())
                ? Optional.of(Duration.between(start.get(), end.get()))
                : Optional.empty();
    }

    public static Optional<Duration> duration(DataRunStatus status) {
        return duration(status.startTime, status.completionTime);
    }

    public static Optional<Duration> duration(StepStatus step) {
        return duration(step.startTime, step.completionTime);
    }

    /**
     * When a step's upstream was done, as the operator knows it: a dependency seen finishing in this reconciliation
     * finished at {@code observedAt} (the API's own timestamps have only second precision); one that had finished
     * before counts from its recorded completion time. Empty for a step with no dependencies.
     */
    public static Optional<Instant> upstreamDone(Collection<String> dependsOn, Map<String, StepStatus> before,
            Map<String, StepStatus> after, Instant observedAt) {
        Optional<Instant> latest = Optional.empty();
        for (String dependency : dependsOn == null ? List.<String>of() : dependsOn) {
            StepStatus was = before.get(dependency);
            StepStatus now = after.get(dependency);
            if (now == null || now.phase == null || !now.phase.isFinished()) {
                return Optional.empty();
            }
            Optional<Instant> done = was != null && was.phase != null && was.phase.isFinished()
                    ? instant(now.completionTime)
                    : Optional.of(observedAt);
            if (done.isPresent() && (latest.isEmpty() || done.get().isAfter(latest.get()))) {
                latest = done;
            }
        }
        return latest;
    }

    /** The latest successful completion among the runs, or the one already recorded when it is later. */
    public static Optional<String> lastSuccessTime(List<DataRun> runs, String recorded) {
        Optional<Instant> latest = instant(recorded);
        for (DataRun run : runs) {
            DataRunStatus status = run.getStatus();
            if (status == null || status.phase != RunPhase.Succeeded) {
                continue;
            }
            Optional<Instant> completed = instant(status.completionTime);
            if (completed.isPresent() && (latest.isEmpty() || completed.get().isAfter(latest.get()))) {
                latest = completed;
            }
        }
        return latest.map(Conditions::timestamp);
    }

    public static Optional<Instant> instant(String timestamp) {
        if (timestamp == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(timestamp));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
