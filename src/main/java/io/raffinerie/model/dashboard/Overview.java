package io.raffinerie.model.dashboard;

import io.fabric8.kubernetes.api.model.Condition;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.TargetStatus;
import io.raffinerie.model.Conditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The front page: every environment the user may read with its counts, what fails and runs now, what runs next. */
public final class Overview {
    static final int NEXT_SCHEDULED = 10;

    /** What one environment holds, as read from the caches (only environments the user may read). */
    public record EnvironmentContent(DataEnvironment environment, String namespace, List<DataJob> jobs,
            List<DataPipeline> pipelines, List<DataRun> runs) {
    }

    /** One environment; reason and message are those of its Ready condition, to say why it is not ready. */
    public record EnvironmentRow(String name, String namespace, boolean ready, String reason, String message, int jobs,
            int pipelines, int runs, int active, int failing) {
    }

    public record Scheduled(String namespace, String kind, String name, String time) {
    }

    /** notReady: the environments that are not Ready, which fail as surely as a failed run. */
    public record Page(List<EnvironmentRow> environments, List<EnvironmentRow> notReady, List<RunViews.RunRow> failing,
            List<RunViews.RunRow> active, List<Scheduled> next) {
        public static final Page EMPTY = new Page(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    private Overview() {
    }

    public static Page of(List<EnvironmentContent> visible, Instant now) {
        List<EnvironmentRow> environments = new ArrayList<>();
        List<DataRun> failing = new ArrayList<>();
        List<DataRun> active = new ArrayList<>();
        List<Scheduled> next = new ArrayList<>();
        for (EnvironmentContent content : visible) {
            List<DataRun> failingHere = RunViews.failingNow(content.runs());
            List<DataRun> activeHere = content.runs().stream().filter(RunViews::isActive).toList();
            failing.addAll(failingHere);
            active.addAll(activeHere);
            DataEnvironment environment = content.environment();
            Optional<Condition> ready = environment.getStatus() == null ? Optional.empty()
                    : Conditions.find(environment.getStatus().conditions, Conditions.READY);
            environments.add(new EnvironmentRow(environment.getMetadata().getName(), content.namespace(),
                    ready.map(c -> Conditions.TRUE.equals(c.getStatus())).orElse(false),
                    ready.map(Condition::getReason).orElse("NotReconciled"),
                    ready.map(Condition::getMessage).orElse("the operator has not reconciled it yet"),
                    content.jobs().size(), content.pipelines().size(), content.runs().size(), activeHere.size(), failingHere.size()));
            content.jobs().forEach(job -> scheduled(content.namespace(), RunViews.JOB, job.getMetadata().getName(),
                    job.getStatus()).ifPresent(next::add));
            content.pipelines().forEach(pipeline -> scheduled(content.namespace(), RunViews.PIPELINE,
                    pipeline.getMetadata().getName(), pipeline.getStatus()).ifPresent(next::add));
        }
        environments.sort(Comparator.comparing(EnvironmentRow::name));
        next.sort(Comparator.comparing(Scheduled::time).thenComparing(Scheduled::namespace).thenComparing(Scheduled::name));
        return new Page(environments, environments.stream().filter(row -> !row.ready()).toList(), rows(failing, now),
                rows(active, now), next.stream().limit(NEXT_SCHEDULED).toList());
    }

    static Optional<Scheduled> scheduled(String namespace, String kind, String name, TargetStatus status) {
        return status == null || status.nextScheduleTime == null ? Optional.empty()
                : Optional.of(new Scheduled(namespace, kind, name, status.nextScheduleTime));
    }

    static List<RunViews.RunRow> rows(List<DataRun> runs, Instant now) {
        return runs.stream().sorted(RunViews.NEWEST_FIRST).map(run -> RunViews.row(run, now)).toList();
    }
}
