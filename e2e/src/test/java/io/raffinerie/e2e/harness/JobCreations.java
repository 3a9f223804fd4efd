package io.raffinerie.e2e.harness;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every Job ADDED in a namespace whose name has a prefix, with the uids seen: two uids for a name means it ran twice. */
public final class JobCreations implements AutoCloseable {
    private final Map<String, Set<String>> uidsByName = new ConcurrentHashMap<>();
    private final Watch watch;

    public JobCreations(Cluster cluster, String namespace, String prefix) {
        watch = cluster.client().batch().v1().jobs().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Job job) {
                if (action == Action.ADDED && job.getMetadata().getName().startsWith(prefix)) {
                    uidsByName.computeIfAbsent(job.getMetadata().getName(), k -> ConcurrentHashMap.newKeySet())
                            .add(job.getMetadata().getUid());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    public Map<String, Set<String>> uidsByName() {
        return Map.copyOf(uidsByName);
    }

    @Override
    public void close() {
        watch.close();
    }
}
