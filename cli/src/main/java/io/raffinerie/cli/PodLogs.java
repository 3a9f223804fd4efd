package io.raffinerie.cli;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A step's log from its pod, read through the API server as {@code kubectl logs} does. */
final class PodLogs {
    private final KubernetesClient client;
    private final String namespace;

    PodLogs(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** The newest pod of the step's Job (its last attempt), while it exists. */
    Optional<Pod> pod(String job) {
        if (job == null) {
            return Optional.empty();
        }
        List<Pod> pods = client.pods().inNamespace(namespace).withLabel("job-name", job).list().getItems();
        return pods.stream().max(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp()));
    }

    /** The pod's log as it is now. */
    void print(Pod pod, PrintStream out) {
        String log = container(pod).getLog();
        out.print(log);
        if (!log.isEmpty() && !log.endsWith("\n")) {
            out.println();
        }
    }

    /**
     * Follows the pod's log until its container ends: waits for it to start, streams the log while it runs, and once the
     * container ended, closes the stream and prints what it had not delivered yet. Log sources differ: a kubelet ends
     * the stream with the container, others (KWOK's) keep it open or end it early; the pod's state decides, not the
     * stream.
     */
    void follow(Pod pod, PrintStream out) {
        String name = pod.getMetadata().getName();
        var resource = client.pods().inNamespace(namespace).withName(name);
        resource.waitUntilCondition(p -> p == null || !"Pending".equals(p.getStatus().getPhase()), Long.MAX_VALUE,
                TimeUnit.MILLISECONDS);
        LogCursor cursor = new LogCursor();
        LogWatch watch = container(pod).usingTimestamps().watchLog();
        // The stream is read on its own thread: a closed watch does not always wake a blocked read, so the thread is
        // left to end with the JVM, and what it reads after the container ended is not printed (the lock orders it).
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (cursor) {
                        if (cursor.closed()) {
                            return;
                        }
                        cursor.accept(line).ifPresent(out::println);
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // the stream was closed once the container ended: the rest is read below
            }
        }, "log-" + name);
        reader.setDaemon(true);
        reader.start();
        Pod ended = resource.waitUntilCondition(p -> p == null || ended(p), Long.MAX_VALUE, TimeUnit.MILLISECONDS);
        synchronized (cursor) {
            cursor.close();
            watch.close();
            if (ended != null) {
                cursor.rewind();
                try (BufferedReader rest = new BufferedReader(container(ended).usingTimestamps().getLogReader())) {
                    copy(rest, cursor, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private static void copy(BufferedReader reader, LogCursor cursor, PrintStream out) throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            cursor.accept(line).ifPresent(out::println);
        }
        out.flush();
    }

    static boolean ended(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return true;
        }
        List<ContainerStatus> statuses = pod.getStatus() == null ? List.of() : pod.getStatus().getContainerStatuses();
        return statuses != null && !statuses.isEmpty() && statuses.get(0).getState() != null
                && statuses.get(0).getState().getTerminated() != null;
    }

    /** The step's container: the pod's first (the job's own), so a pod with helpers needs no choice. */
    private ContainerResource container(Pod pod) {
        return client.pods().inNamespace(namespace).withName(pod.getMetadata().getName())
                .inContainer(pod.getSpec().getContainers().get(0).getName());
    }
}
