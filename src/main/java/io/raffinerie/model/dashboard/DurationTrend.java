package io.raffinerie.model.dashboard;

import io.raffinerie.api.v1alpha1.DataRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The durations of a target's last finished runs as a small bar chart, oldest on the left, coloured by outcome. */
public final class DurationTrend {
    public static final int RUNS = 20;
    public static final int WIDTH = 200;
    public static final int HEIGHT = 36;
    private static final int BAR = WIDTH / RUNS;

    public record Bar(String run, String phase, int x, int y, int width, int height, String label) {
    }

    public record Chart(List<Bar> bars, int width, int height, String longest) {
        public boolean empty() {
            return bars.isEmpty();
        }
    }

    private DurationTrend() {
    }

    /** {@code runs}: the target's runs, in any order; unfinished runs are left out. */
    public static Chart of(List<DataRun> runs) {
        List<DataRun> finished = new ArrayList<>(runs.stream().filter(run -> !RunViews.isActive(run))
                .sorted(RunViews.NEWEST_FIRST).limit(RUNS).toList());
        Collections.reverse(finished);
        List<Duration> durations = finished.stream().map(run -> RunViews.elapsed(run.getStatus().startTime,
                run.getStatus().completionTime, Instant.EPOCH).filter(d -> run.getStatus().completionTime != null)
                .orElse(Duration.ZERO)).toList();
        long longest = Math.max(1, durations.stream().mapToLong(Duration::toMillis).max().orElse(1));
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < finished.size(); i++) {
            DataRun run = finished.get(i);
            // At least 2 px, so a run of no measurable length still shows its outcome.
            int height = (int) Math.max(2, Math.round((HEIGHT - 2) * (double) durations.get(i).toMillis() / longest));
            bars.add(new Bar(run.getMetadata().getName(), RunViews.phaseOf(run.getStatus()), i * BAR, HEIGHT - height,
                    BAR - 2, height, run.getMetadata().getName() + ": " + RunViews.phaseOf(run.getStatus()) + ", "
                            + RunViews.format(durations.get(i))));
        }
        return new Chart(bars, WIDTH, HEIGHT, RunViews.format(Duration.ofMillis(longest)));
    }
}
