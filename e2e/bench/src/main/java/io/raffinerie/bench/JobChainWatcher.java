package io.raffinerie.bench;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An independent observer of Jobs in one namespace: records, on its own millisecond clock, when it first sees each
 * Job ADDED and when it first sees it Complete, and keeps the last version of each for the API's own timestamps.
 * Chains name their Jobs {@code <prefix>-<chain>-s<step>}, for Raffinerie (run {@code <prefix>-<chain>}, step
 * {@code s<step>}) as for the baseline driver, so both are measured by the same code.
 */
final class JobChainWatcher implements AutoCloseable {
    private final Map<String, Long> added = new ConcurrentHashMap<>();
    private final Map<String, Long> completed = new ConcurrentHashMap<>();
    private final Map<String, Job> last = new ConcurrentHashMap<>();
    private final SharedIndexInformer<Job> informer;

    JobChainWatcher(KubernetesClient client, String namespace) {
        informer = client.batch().v1().jobs().inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Job job) {
                added.putIfAbsent(job.getMetadata().getName(), now());
                seen(job);
            }

            @Override
            public void onUpdate(Job before, Job job) {
                seen(job);
            }

            @Override
            public void onDelete(Job job, boolean unknownFinalState) {
            }
        });
    }

    /** Milliseconds on a monotonic clock. */
    static long now() {
        return System.nanoTime() / 1_000_000;
    }

    private void seen(Job job) {
        last.put(job.getMetadata().getName(), job);
        if (complete(job) != null) {
            completed.putIfAbsent(job.getMetadata().getName(), now());
        }
    }

    static JobCondition complete(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return null;
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus())).findFirst().orElse(null);
    }

    static String jobName(String prefix, int chain, int step) {
        return "%s-%03d-s%d".formatted(prefix, chain, step);
    }

    int completedCount(String prefix) {
        return (int) completed.keySet().stream().filter(name -> name.startsWith(prefix + "-")).count();
    }

    /** Watcher latencies (ms): step i's Job seen Complete → step i+1's Job seen ADDED. */
    List<Long> watcherLatencies(String prefix, int chains, int steps) {
        List<Long> latencies = new ArrayList<>();
        forEachTransition(prefix, chains, steps, (previous, next) -> {
            Long done = completed.get(previous);
            Long created = added.get(next);
            if (done != null && created != null) {
                latencies.add(created - done);
            }
        });
        return latencies;
    }

    /** API latencies (ms, one-second resolution): the Complete condition's time → the next Job's creationTimestamp. */
    List<Long> apiLatencies(String prefix, int chains, int steps) {
        List<Long> latencies = new ArrayList<>();
        forEachTransition(prefix, chains, steps, (previous, next) -> {
            Job done = last.get(previous);
            Job created = last.get(next);
            JobCondition condition = done == null ? null : complete(done);
            if (condition != null && created != null) {
                latencies.add(Instant.parse(created.getMetadata().getCreationTimestamp()).toEpochMilli()
                        - Instant.parse(condition.getLastTransitionTime()).toEpochMilli());
            }
        });
        return latencies;
    }

    /** The watcher's time at which it saw the first of these Jobs. */
    OptionalLong firstAdded(String prefix) {
        return added.entrySet().stream().filter(e -> e.getKey().startsWith(prefix + "-"))
                .mapToLong(Map.Entry::getValue).min();
    }

    /** The watcher's time at which the last of these Jobs was seen Complete. */
    OptionalLong lastCompletion(String prefix) {
        return completed.entrySet().stream().filter(e -> e.getKey().startsWith(prefix + "-"))
                .mapToLong(Map.Entry::getValue).max();
    }

    private static void forEachTransition(String prefix, int chains, int steps, java.util.function.BiConsumer<String, String> pair) {
        for (int chain = 1; chain <= chains; chain++) {
            for (int step = 1; step < steps; step++) {
                pair.accept(jobName(prefix, chain, step), jobName(prefix, chain, step + 1));
            }
        }
    }

    @Override
    public void close() {
        informer.close();
    }
}
