package io.raffinerie.model;

import io.fabric8.kubernetes.api.model.Condition;
import io.raffinerie.api.v1alpha1.DataRunStatus;
import io.raffinerie.api.v1alpha1.RunPhase;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The operator's log lines for people: one per run transition and per readiness change, naming namespace/name. */
public final class LogLines {
    private LogLines() {
    }

    /** {@code run sales-dev/daily-sales-x Running -> Failed (2/4 steps): step load failed: exit code 3}. */
    public static String runTransition(String namespace, String name, RunPhase before, DataRunStatus after) {
        StringBuilder line = new StringBuilder(subject("DataRun", namespace, name)).append(' ')
                .append(before == null ? RunPhase.Pending : before).append(" -> ").append(after.phase);
        if (after.progress != null) {
            line.append(" (").append(after.progress).append(" steps)");
        }
        if (after.phase == RunPhase.Failed && after.message != null) {
            line.append(": ").append(after.message);
        }
        return line.toString();
    }

    /** {@code environment sales-dev}, {@code job sales-dev/extract-orders}: the kind without "Data", and namespace/name. */
    public static String subject(String kind, String namespace, String name) {
        return kind.replaceFirst("^Data", "").toLowerCase(Locale.ROOT) + " " + (namespace == null ? "" : namespace + "/") + name;
    }

    /**
     * A line when a resource's Ready condition turns False, changes its reason while False, or turns True again; none
     * for the first Ready=True (a healthy start says nothing) nor for a new message under the same reason.
     */
    public static Optional<String> readinessChange(String kind, String namespace, String name, List<Condition> before,
            List<Condition> after) {
        Optional<Condition> was = Conditions.find(before, Conditions.READY);
        Optional<Condition> is = Conditions.find(after, Conditions.READY);
        if (is.isEmpty()) {
            return Optional.empty();
        }
        boolean ready = Conditions.TRUE.equals(is.get().getStatus());
        boolean wasReady = was.map(c -> Conditions.TRUE.equals(c.getStatus())).orElse(false);
        boolean sameReason = was.map(c -> Objects.equals(c.getReason(), is.get().getReason())).orElse(false);
        if (ready ? was.isEmpty() || wasReady : !wasReady && sameReason) {
            return Optional.empty();
        }
        return Optional.of(subject(kind, namespace, name) + " Ready=" + is.get().getStatus() + " " + is.get().getReason()
                + (ready || is.get().getMessage() == null || is.get().getMessage().isEmpty() ? "" : ": " + is.get().getMessage()));
    }
}
