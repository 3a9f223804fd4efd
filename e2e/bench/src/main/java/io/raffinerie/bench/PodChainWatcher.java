package io.raffinerie.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine-neutral observer: every engine runs a step as one pod, so this watches the pods of one namespace and
 * notes, on its own millisecond clock ({@link JobChainWatcher#now()}), when it first sees each step's pod ADDED and
 * when it first sees it Succeeded. Each engine names its steps its own way: {@code step} maps a pod to
 * {@code <run>/<step number>}, or null for a pod that is no step; only runs named {@code <prefix>-...} are watched.
 */
final class PodChainWatcher implements AutoCloseable {
    private static final Pattern JOB_STEP = Pattern.compile("(.+)-s(\\d+)");
    private final Map<String, Long> added = new ConcurrentHashMap<>();
    private final Map<String, Long> succeeded = new ConcurrentHashMap<>();
    private final String prefix;
    private final SharedIndexInformer<Pod> informer;

    PodChainWatcher(KubernetesClient client, String namespace, String prefix, Function<Pod, String> step) {
        this.prefix = prefix;
        Function<Pod, String> watched = pod -> {
            String key = step.apply(pod);
            return key != null && key.startsWith(prefix + "-") ? key : null;
        };
        informer = client.pods().inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                String key = watched.apply(pod);
                if (key != null) {
                    added.putIfAbsent(key, JobChainWatcher.now());
                    onUpdate(null, pod);
                }
            }

            @Override
            public void onUpdate(Pod before, Pod pod) {
                String key = watched.apply(pod);
                if (key != null && pod.getStatus() != null && "Succeeded".equals(pod.getStatus().getPhase())) {
                    succeeded.putIfAbsent(key, JobChainWatcher.now());
                }
            }

            @Override
            public void onDelete(Pod pod, boolean unknownFinalState) {
            }
        });
    }

    static String key(String run, int step) {
        return run + "/" + step;
    }

    /** The step of a pod of a Job {@code <run>-s<step>} (Raffinerie's and the baseline's), by its job-name label. */
    static String jobStep(Pod pod) {
        String jobName = pod.getMetadata().getLabels() == null ? null : pod.getMetadata().getLabels().get("job-name");
        return parse(jobName, JOB_STEP);
    }

    /** A key from a name whose groups 1 and 2 are the run and the step number, or null when it does not match. */
    static String parse(String name, Pattern pattern) {
        Matcher m = name == null ? null : pattern.matcher(name);
        return m != null && m.matches() ? key(m.group(1), Integer.parseInt(m.group(2))) : null;
    }

    int succeededCount() {
        return succeeded.size();
    }

    /** Step i's pod seen Succeeded → step i+1's pod seen ADDED (ms), over runs {@code <prefix>-001 ...}. */
    List<Long> latencies(int chains, int steps) {
        List<Long> latencies = new ArrayList<>();
        for (int chain = 1; chain <= chains; chain++) {
            String run = "%s-%03d".formatted(prefix, chain);
            for (int step = 1; step < steps; step++) {
                Long done = succeeded.get(key(run, step));
                Long next = added.get(key(run, step + 1));
                if (done != null && next != null) {
                    latencies.add(next - done);
                }
            }
        }
        return latencies;
    }

    /** From the first pod seen to the last seen Succeeded (s). */
    double wallSeconds() {
        OptionalLong first = added.values().stream().mapToLong(Long::longValue).min();
        OptionalLong last = succeeded.values().stream().mapToLong(Long::longValue).max();
        return first.isPresent() && last.isPresent() ? (last.getAsLong() - first.getAsLong()) / 1000.0 : Double.NaN;
    }

    @Override
    public void close() {
        informer.close();
    }
}
