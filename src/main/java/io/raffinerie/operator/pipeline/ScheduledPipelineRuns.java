package io.raffinerie.operator.pipeline;

import io.raffinerie.model.RunLabels;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataPipelineStatus;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataRunSpec;
import io.raffinerie.api.v1alpha1.PipelineSchedule;
import io.raffinerie.api.v1alpha1.Trigger;
import io.raffinerie.model.Conditions;
import io.raffinerie.model.LabelValues;
import io.raffinerie.model.pipeline.PipelineSchedules;
import io.raffinerie.model.run.RunStatuses;
import io.raffinerie.operator.common.Creations;
import io.raffinerie.operator.common.EventRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Starts the runs a pipeline's schedule asks for, applying its concurrency policy, and records the last scheduled
 * time in the pipeline's status. Returns how long until the next scheduled time.
 */
@ApplicationScoped
public class ScheduledPipelineRuns {
    static final String PIPELINE_LABEL = "raffinerie.io/pipeline";
    private final KubernetesClient client;
    private final EventRecorder events;
    private final Clock clock;

    public ScheduledPipelineRuns(KubernetesClient client, EventRecorder events, Clock clock) {
        this.client = client;
        this.events = events;
        this.clock = clock;
    }

    Optional<Duration> trigger(DataPipeline pipeline, List<DataRun> runs, DataPipelineStatus status) {
        Instant now = clock.instant();
        Instant since = Instant.parse(status.lastScheduleTime != null ? status.lastScheduleTime
                : pipeline.getMetadata().getCreationTimestamp());
        PipelineSchedule schedule = pipeline.getSpec().schedule;
        PipelineSchedules.Due due = PipelineSchedules.due(schedule, since, now);
        List<DataRun> active = runs.stream().filter(r -> !RunStatuses.isFinished(r.getStatus())).toList();
        PipelineSchedules.Decision decision = PipelineSchedules.decide(due, schedule, since, !active.isEmpty());
        if (decision.cancelActive()) {
            active.forEach(this::cancel);
        }
        for (Instant time : decision.skipped()) {
            events.normal(pipeline, "ScheduleSkipped", "the run for " + time + " was not started: the concurrency policy is "
                    + schedule.concurrencyPolicy + (active.isEmpty() ? "" : " and run " + active.get(0).getMetadata().getName()
                    + " is still going"));
        }
        decision.start().forEach(time -> start(pipeline, time));
        status.lastScheduleTime = Conditions.timestamp(decision.lastScheduleTime());
        status.nextScheduleTime = due.next().map(Conditions::timestamp).orElse(null);
        return due.next().map(next -> Duration.between(now, next).plusMillis(50));
    }

    private void start(DataPipeline pipeline, Instant time) {
        DataRun run = new DataRun();
        run.getMetadata().setName(PipelineSchedules.runName(pipeline.getMetadata().getName(), time));
        run.getMetadata().setNamespace(pipeline.getMetadata().getNamespace());
        run.getMetadata().getLabels().put(RunLabels.TRIGGER, Trigger.Schedule.name());
        run.getMetadata().getLabels().put(PIPELINE_LABEL, LabelValues.of(pipeline.getMetadata().getName()));
        run.getMetadata().getAnnotations().put("raffinerie.io/scheduled-time", time.toString());
        run.setSpec(new DataRunSpec());
        run.getSpec().pipelineRef = pipeline.getMetadata().getName();
        if (Creations.createIfAbsent(client, run)) {
            events.normal(pipeline, "ScheduledRunStarted", "run " + run.getMetadata().getName() + " started for " + time);
        }
    }

    private void cancel(DataRun run) {
        client.resources(DataRun.class).inNamespace(run.getMetadata().getNamespace()).withName(run.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"cancel\":true}}");
    }
}
