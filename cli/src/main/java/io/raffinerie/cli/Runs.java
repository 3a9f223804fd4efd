package io.raffinerie.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.model.Suggestions;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Reading runs, jobs and pipelines for the commands, with errors that say what exists instead. */
final class Runs {
    static final String LATEST = "@latest";

    private final KubernetesClient client;
    private final String namespace;

    Runs(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** The run named {@code name}, or the newest run of the namespace for {@code @latest}. */
    DataRun run(String name) {
        if (LATEST.equals(name)) {
            return client.resources(DataRun.class).inNamespace(namespace).list().getItems().stream()
                    .max(Comparator.comparing((DataRun r) -> r.getMetadata().getCreationTimestamp())
                            .thenComparing(r -> r.getMetadata().getName()))
                    .orElseThrow(() -> CliException.invalid("no run in namespace " + namespace
                            + "; start one with: kubectl raffinerie run <job|pipeline> -n " + namespace));
        }
        DataRun run = client.resources(DataRun.class).inNamespace(namespace).withName(name).get();
        if (run == null) {
            List<String> names = names(client.resources(DataRun.class).inNamespace(namespace).list().getItems());
            throw CliException.invalid("no run " + name + " in namespace " + namespace + ";" + Suggestions.didYouMean(name, names)
                    + " list the runs with: kubectl raffinerie list runs -n " + namespace);
        }
        return run;
    }

    /** A job or a pipeline named {@code name}: {@code kind} is job, pipeline, or null for whichever exists. */
    HasMetadata target(String name, String kind) {
        DataPipeline pipeline = "job".equals(kind) ? null
                : client.resources(DataPipeline.class).inNamespace(namespace).withName(name).get();
        DataJob job = "pipeline".equals(kind) ? null : client.resources(DataJob.class).inNamespace(namespace).withName(name).get();
        if (pipeline != null && job != null) {
            throw CliException.invalid("both a job and a pipeline are named " + name + " in namespace " + namespace
                    + "; choose one with --kind job or --kind pipeline");
        }
        if (pipeline != null || job != null) {
            return pipeline != null ? pipeline : job;
        }
        List<String> jobs = "pipeline".equals(kind) ? List.of()
                : names(client.resources(DataJob.class).inNamespace(namespace).list().getItems());
        List<String> pipelines = "job".equals(kind) ? List.of()
                : names(client.resources(DataPipeline.class).inNamespace(namespace).list().getItems());
        String what = kind == null ? "job or pipeline" : kind;
        StringBuilder message = new StringBuilder("no ").append(what).append(' ').append(name).append(" in namespace ")
                .append(namespace).append(';');
        message.append(Suggestions.didYouMean(name, concat(jobs, pipelines)));
        if (kind == null || "job".equals(kind)) {
            message.append(" jobs: ").append(jobs.isEmpty() ? "none" : String.join(", ", jobs)).append(';');
        }
        if (kind == null || "pipeline".equals(kind)) {
            message.append(" pipelines: ").append(pipelines.isEmpty() ? "none" : String.join(", ", pipelines)).append(';');
        }
        message.setLength(message.length() - 1);
        throw CliException.invalid(message.toString());
    }

    /**
     * Waits for the run to finish, printing each step's changes as they come (from the run's status, through a watch),
     * then its closing line; returns the finished run.
     */
    DataRun watch(DataRun run, PrintStream out, Clock clock) {
        Map<String, String> seen = new HashMap<>();
        DataRun finished = client.resources(DataRun.class).inNamespace(namespace).withName(run.getMetadata().getName())
                .waitUntilCondition(current -> {
                    if (current == null) {
                        throw CliException.invalid("run " + run.getMetadata().getName() + " was deleted while it was watched");
                    }
                    RunView.changes(seen, current, clock.instant()).forEach(line -> out.println(time(clock) + "  " + line));
                    return finished(current);
                }, Long.MAX_VALUE, TimeUnit.MILLISECONDS);
        out.println(RunView.summary(finished, clock.instant()));
        return finished;
    }

    /** Waits for the run to finish, quietly. */
    DataRun awaitFinished(String name) {
        return client.resources(DataRun.class).inNamespace(namespace).withName(name)
                .waitUntilCondition(current -> current == null || finished(current), Long.MAX_VALUE, TimeUnit.MILLISECONDS);
    }

    static boolean finished(DataRun run) {
        return run.getStatus() != null && run.getStatus().phase != null && run.getStatus().phase.isFinished();
    }

    private static String time(Clock clock) {
        return clock.instant().atZone(clock.getZone()).toLocalTime().withNano(0).toString();
    }

    static List<String> names(List<? extends HasMetadata> items) {
        return items.stream().map(i -> i.getMetadata().getName()).sorted().toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
