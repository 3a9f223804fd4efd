package io.raffinerie.operator.dashboard;

import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.RunPhase;
import io.raffinerie.model.dashboard.RunViews;
import io.raffinerie.model.dashboard.Timeline;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.raffinerie.model.RunLabels;
import io.raffinerie.model.pipeline.RunSnapshots;
import io.raffinerie.model.RunParameters;

/** One run: its summary, parameters, step timeline and what the user may do with it. */
public record RunPage(RunViews.RunRow run, String message, String retryOf, boolean retriedLatest,
        List<Map.Entry<String, String>> parameters, List<Timeline.StepRow> steps, boolean active, boolean retryable,
        boolean cancelRequested, AccessReviews.Rights rights) {
    private static String retryOf(DataRun run) {
        if (run.getSpec() != null && run.getSpec().retryOf != null) {
            return run.getSpec().retryOf;
        }
        Map<String, String> annotations = run.getMetadata().getAnnotations();
        return annotations == null ? "" : annotations.getOrDefault(RunLabels.RETRY_OF, "");
    }

    static RunPage of(DataRun run, AccessReviews.Rights rights, Instant now) {
        RunViews.RunRow row = RunViews.row(run, now);
        RunPhase phase = run.getStatus() == null ? null : run.getStatus().phase;
        // What the run ran with: a retry's inherited values, else its own.
        Map<String, String> given = run.getSpec() == null ? null : RunParameters.given(run.getSpec(), run.getStatus());
        Map<String, String> parameters = given == null ? Map.of() : new TreeMap<>(given);
        return new RunPage(row, run.getStatus() == null || run.getStatus().message == null ? "" : run.getStatus().message,
                retryOf(run), run.getSpec() != null && RunSnapshots.retriesLatest(run.getSpec()),
                List.copyOf(parameters.entrySet()), Timeline.of(run.getStatus(), now), RunViews.isActive(run),
                phase == RunPhase.Failed || phase == RunPhase.Cancelled,
                run.getSpec() != null && Boolean.TRUE.equals(run.getSpec().cancel), rights);
    }
}
