package io.raffinerie.model.run;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.raffinerie.api.v1alpha1.ResultDeclaration;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.job.JobTemplates;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A step's results (docs/results.md): lines {@code NAME=VALUE} that its container writes to its termination message
 * file, named by {@code RAFFINERIE_RESULTS}, and the kubelet copies into the pod's status. Read from the observed pod
 * once the step succeeded, checked against the results its DataJob declares, and kept in the step's status.
 */
public final class StepResults {
    public static final String VARIABLE = JobTemplates.RESULTS_VARIABLE;
    /** The kubelet keeps at most 4096 bytes of a termination message and cuts the rest. */
    public static final int MAX_BYTES = 4096;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private StepResults() {
    }

    /** The results of a termination message, or what is wrong with it. */
    public record Parsed(Map<String, String> results, Optional<String> problem) {
    }

    /** Parses and checks a termination message against the declared result names. */
    public static Parsed parse(String message, List<String> declared) {
        String text = message == null ? "" : message;
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes >= MAX_BYTES) {
            return invalid("the results take " + bytes + " bytes or more; they must take less than " + MAX_BYTES
                    + " bytes in all (the kubelet cuts a longer termination message)");
        }
        Map<String, String> results = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            int equals = line.indexOf('=');
            String name = equals < 0 ? "" : line.substring(0, equals).strip();
            if (!NAME.matcher(name).matches()) {
                return invalid("line " + (i + 1) + " of the results is not NAME=VALUE: \"" + shorten(line) + "\"");
            }
            if (!declared.contains(name)) {
                return invalid("the step wrote result \"" + name + "\", which its DataJob does not declare (it declares "
                        + String.join(", ", declared) + ")");
            }
            if (results.put(name, line.substring(equals + 1)) != null) {
                return invalid("the step wrote result \"" + name + "\" more than once");
            }
        }
        List<String> missing = new ArrayList<>(declared);
        missing.removeAll(results.keySet());
        if (!missing.isEmpty()) {
            return invalid("the step did not write result" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + " (a line NAME=VALUE each, in the file named by $" + VARIABLE + ")");
        }
        return new Parsed(results, Optional.empty());
    }

    /**
     * The observed step with its results: read once it succeeded (then kept), or the step failed with reason
     * ResultsInvalid. A succeeded step whose pod the cache does not show terminated yet stays Running until it does.
     */
    public static StepStatus apply(StepStatus observed, StepStatus previous, List<Pod> pods, List<ResultDeclaration> declared) {
        if (declared == null || declared.isEmpty() || observed.phase != StepPhase.Succeeded) {
            return observed;
        }
        if (previous != null && previous.phase != null && previous.phase.isFinished()
                && (previous.results != null || Reasons.RESULTS_INVALID.equals(previous.reason))) {
            observed.phase = previous.phase;
            observed.reason = previous.reason;
            observed.message = previous.message;
            observed.results = previous.results;
            return observed;
        }
        Optional<Pod> pod = StepObservation.latestPod(pods);
        if (pod.isEmpty()) {
            return failed(observed, "the step's pod is gone: its results cannot be read");
        }
        Optional<ContainerStateTerminated> terminated = StepObservation.mainContainer(pod.get())
                .map(c -> c.getState() == null ? null : c.getState().getTerminated());
        if (terminated.isEmpty()) {
            // The Job says Complete before the pod's last status reached the cache: its next event brings the results.
            observed.phase = StepPhase.Running;
            observed.completionTime = null;
            observed.exitCode = null;
            return observed;
        }
        Parsed parsed = parse(terminated.get().getMessage(), declared.stream().map(r -> r.name).toList());
        if (parsed.problem().isPresent()) {
            return failed(observed, parsed.problem().get());
        }
        observed.results = parsed.results();
        return observed;
    }

    private static StepStatus failed(StepStatus step, String message) {
        step.phase = StepPhase.Failed;
        step.reason = Reasons.RESULTS_INVALID;
        step.message = message;
        return step;
    }

    private static String shorten(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }

    private static Parsed invalid(String problem) {
        return new Parsed(Map.of(), Optional.of(problem));
    }
}
