package io.raffinerie.cli;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.Suggestions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A run's logs, step by step in the run's order: from the step's pod while it exists, else from the log tail the run's
 * status keeps (saying so). Following, each step is waited for, streamed to its end, and closed with its result.
 */
final class StepLogs {
    /** How long a running step's pod may take to appear before its log is read from the run's status instead. */
    private static final long POD_WAIT_SECONDS = 60;

    private final KubernetesClient client;
    private final String namespace;
    private final PodLogs pods;

    StepLogs(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.pods = new PodLogs(client, namespace);
    }

    /**
     * Prints the steps' logs: without a format, each under a header (a pipeline's); {@code wide}: each line prefixed
     * with its step; json or yaml: nothing, the steps' logs are returned (their step, phase, exit code, source, log).
     */
    List<Map<String, Object>> show(DataRun run, String onlyStep, boolean follow, PrintStream out, PrintStream err, Format format) {
        List<Map<String, Object>> collected = new ArrayList<>();
        String name = run.getMetadata().getName();
        if (onlyStep != null) {
            DataRun current = follow ? await(name, r -> step(r, onlyStep).isPresent() || Runs.finished(r)) : run;
            if (step(current, onlyStep).isEmpty()) {
                List<String> names = steps(current).stream().map(s -> s.name).toList();
                throw CliException.invalid("run " + name + " has no step " + onlyStep + ";" + Suggestions.didYouMean(onlyStep, names)
                        + " steps: " + (names.isEmpty() ? "none yet" : String.join(", ", names)));
            }
        }
        boolean headers = format == null && onlyStep == null && (run.getSpec() == null || run.getSpec().pipelineRef != null);
        for (int i = 0; ; i++) {
            int index = i;
            DataRun current = follow ? await(name, r -> steps(r).size() > index || Runs.finished(r))
                    : run;
            if (steps(current).size() <= index) {
                return collected;
            }
            String stepName = steps(current).get(index).name;
            if (onlyStep != null && !onlyStep.equals(stepName)) {
                continue;
            }
            if (follow) {
                current = await(name, r -> step(r, stepName).map(s -> s.phase != null && s.phase != StepPhase.Pending).orElse(true)
                        || Runs.finished(r));
            }
            StepStatus step = step(current, stepName).orElseThrow();
            if (headers) {
                out.println("==> step " + stepName + " <==");
            }
            if (format == null) {
                showStep(name, step, follow, out, err);
            } else if (format == Format.wide) {
                PrintStream prefixed = LinePrefix.of(out, "[" + stepName + "] ");
                showStep(name, step, follow, prefixed, err);
                prefixed.flush();
            } else {
                ByteArrayOutputStream log = new ByteArrayOutputStream();
                StepStatus ended = showStep(name, step, follow, new PrintStream(log, true, StandardCharsets.UTF_8), err);
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("step", stepName);
                entry.put("phase", ended.phase);
                entry.put("exitCode", ended.exitCode);
                entry.put("log", log.toString(StandardCharsets.UTF_8));
                collected.add(entry);
            }
        }
    }

    /** Prints the step's log; returns the step as it ended (following) or as it was. */
    private StepStatus showStep(String run, StepStatus step, boolean follow, PrintStream out, PrintStream err) {
        Optional<Pod> pod = pods.pod(step.job);
        if (pod.isEmpty() && follow && step.phase == StepPhase.Running) {
            pod = awaitPod(step.job);
        }
        if (pod.isPresent()) {
            if (follow) {
                pods.follow(pod.get(), out);
            } else {
                pods.print(pod.get(), out);
            }
        }
        StepStatus ended = follow ? step(await(run, r -> step(r, step.name).map(s -> s.phase != null && s.phase.isFinished())
                .orElse(true) || Runs.finished(r)), step.name).orElse(step) : step;
        if (pod.isEmpty()) {
            if (ended.logTail != null && !ended.logTail.isEmpty()) {
                err.println("(step " + step.name + ": its pod is gone; this is the log tail the run's status keeps,"
                        + " the last lines only)");
                out.print(ended.logTail.endsWith("\n") ? ended.logTail : ended.logTail + "\n");
            } else {
                err.println("(step " + step.name + ": no pod and no log kept" + (ended.phase == null ? "" : "; it is " + ended.phase)
                        + ")");
            }
        }
        if (follow) {
            err.println("--- step " + step.name + " " + ended.phase + (ended.exitCode == null ? "" : " (exit " + ended.exitCode + ")"));
        }
        out.flush();
        return ended;
    }

    private Optional<Pod> awaitPod(String job) {
        try {
            return client.pods().inNamespace(namespace).withLabel("job-name", job).informOnCondition(list -> !list.isEmpty())
                    .get(POD_WAIT_SECONDS, TimeUnit.SECONDS).stream().findFirst();
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private DataRun await(String name, java.util.function.Predicate<DataRun> condition) {
        return client.resources(DataRun.class).inNamespace(namespace).withName(name).waitUntilCondition(r -> {
            if (r == null) {
                throw CliException.invalid("run " + name + " was deleted");
            }
            return condition.test(r);
        }, Long.MAX_VALUE, TimeUnit.MILLISECONDS);
    }

    private static List<StepStatus> steps(DataRun run) {
        return run.getStatus() == null || run.getStatus().steps == null ? List.of() : run.getStatus().steps;
    }

    private static Optional<StepStatus> step(DataRun run, String name) {
        return steps(run).stream().filter(s -> name.equals(s.name)).findFirst();
    }
}
