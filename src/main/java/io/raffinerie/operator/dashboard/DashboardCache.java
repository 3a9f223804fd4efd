package io.raffinerie.operator.dashboard;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataRevision;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.model.revision.Revisions;
import io.raffinerie.api.v1alpha1.DataTechnology;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.operator.common.LeanItemStore;
import io.raffinerie.operator.common.OperatorSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * What the dashboard shows, from informers of its own: pages read memory, never the API server, and every replica
 * serves them (JOSDK's caches follow leadership and controller wiring; these do not). Not started when the
 * dashboard is off.
 */
@ApplicationScoped
public class DashboardCache {
    private static final Logger LOG = Logger.getLogger(DashboardCache.class);

    @Inject
    KubernetesClient client;

    @Inject
    OperatorSettings settings;

    private SharedIndexInformer<DataEnvironment> environments;
    private SharedIndexInformer<DataJob> jobs;
    private SharedIndexInformer<DataPipeline> pipelines;
    private SharedIndexInformer<DataRun> runs;
    private SharedIndexInformer<DataTechnology> technologies;
    /** Whole, frozen specs included: the diff between two revisions reads them. */
    private SharedIndexInformer<DataRevision> revisions;
    private final Map<String, CompletableFuture<Void>> awaitedRuns = new ConcurrentHashMap<>();

    void start(@Observes StartupEvent event) {
        if (!settings.dashboard().enabled()) {
            return;
        }
        environments = start(DataEnvironment.class, false, null);
        technologies = start(DataTechnology.class, false, null);
        jobs = start(DataJob.class, true, null);
        pipelines = start(DataPipeline.class, true, null);
        revisions = start(DataRevision.class, true, null);
        runs = start(DataRun.class, true, new ResourceEventHandler<>() {
            @Override
            public void onAdd(DataRun run) {
                Optional.ofNullable(awaitedRuns.get(Cache.metaNamespaceKeyFunc(run))).ifPresent(arrived -> arrived.complete(null));
            }

            @Override
            public void onUpdate(DataRun before, DataRun after) {
            }

            @Override
            public void onDelete(DataRun run, boolean finalStateUnknown) {
            }
        });
    }

    private <R extends HasMetadata> SharedIndexInformer<R> start(Class<R> type, boolean namespaced, ResourceEventHandler<R> handler) {
        SharedIndexInformer<R> informer = namespaced ? client.resources(type).inAnyNamespace().runnableInformer(0)
                : client.resources(type).runnableInformer(0);
        // As lean as the controllers' caches: managedFields and the last-applied copy are most of a small object.
        informer.itemStore(new LeanItemStore<>());
        if (handler != null) {
            informer.addEventHandler(handler);
        }
        informer.start().whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.warnf("dashboard cache of %s did not start: %s", type.getSimpleName(), error.getMessage());
            }
        });
        return informer;
    }

    void stop(@Observes ShutdownEvent event) {
        for (SharedIndexInformer<?> informer : new SharedIndexInformer<?>[] {environments, jobs, pipelines, runs, technologies, revisions}) {
            if (informer != null) {
                informer.stop();
            }
        }
    }

    /** True once every informer has listed what exists; until then pages say they are loading. */
    public boolean synced() {
        return environments != null && environments.hasSynced() && jobs.hasSynced() && pipelines.hasSynced() && runs.hasSynced();
    }

    public List<DataEnvironment> environments() {
        List<DataEnvironment> all = new ArrayList<>(environments.getStore().list());
        all.sort(Comparator.comparing(e -> e.getMetadata().getName()));
        return all;
    }

    /** The environment that owns a namespace: the oldest claiming it, as the operator decides. */
    public Optional<DataEnvironment> environmentOf(String namespace) {
        return environments.getStore().list().stream()
                .filter(e -> namespace.equals(EnvironmentModel.namespaceOf(e)))
                .min(Comparator.comparing((DataEnvironment e) -> String.valueOf(e.getMetadata().getCreationTimestamp())));
    }

    /** The technology catalog (cluster-scoped, readable by every signed-in user), by name. */
    public List<DataTechnology> technologies() {
        List<DataTechnology> all = new ArrayList<>(technologies.getStore().list());
        all.sort(Comparator.comparing(t -> t.getMetadata().getName()));
        return all;
    }

    public List<DataJob> jobs(String namespace) {
        return inNamespace(jobs, namespace);
    }

    public List<DataPipeline> pipelines(String namespace) {
        return inNamespace(pipelines, namespace);
    }

    public List<DataRun> runs(String namespace) {
        return inNamespace(runs, namespace);
    }

    /** The revisions of a job or pipeline ({@code kind} DataJob or DataPipeline). */
    public List<DataRevision> revisions(String namespace, String kind, String name) {
        return inNamespace(revisions, namespace).stream().filter(r -> Revisions.belongsTo(r, kind, name)).toList();
    }

    public Optional<DataJob> job(String namespace, String name) {
        return Optional.ofNullable(jobs.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)));
    }

    public Optional<DataPipeline> pipeline(String namespace, String name) {
        return Optional.ofNullable(pipelines.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)));
    }

    public Optional<DataRun> run(String namespace, String name) {
        return Optional.ofNullable(runs.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name)));
    }

    /**
     * Waits a moment for a run just created to reach the cache, so that the page the browser is sent to next shows
     * it instead of "not found". Gives up quietly: the page then says so, and a reload finds it.
     */
    public void awaitRun(String namespace, String name, Duration atMost) {
        String key = Cache.namespaceKeyFunc(namespace, name);
        // Registered before the cache is read, so that a run arriving in between still completes it.
        CompletableFuture<Void> arrived = awaitedRuns.computeIfAbsent(key, k -> new CompletableFuture<>());
        try {
            if (run(namespace, name).isEmpty()) {
                arrived.get(atMost.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (TimeoutException | ExecutionException e) {
            LOG.debugf("run %s not in the dashboard cache after %s", key, atMost);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            awaitedRuns.remove(key, arrived);
        }
    }

    private static <R extends HasMetadata> List<R> inNamespace(SharedIndexInformer<R> informer, String namespace) {
        return informer.getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
    }
}
