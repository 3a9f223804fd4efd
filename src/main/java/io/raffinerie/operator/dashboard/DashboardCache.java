package io.raffinerie.operator.dashboard;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataPipeline;
import io.raffinerie.api.v1alpha1.DataPromotion;
import io.raffinerie.api.v1alpha1.DataRevision;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.DataTechnology;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.revision.Revisions;
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
 * What the dashboard shows, from memory, never the API server: in a process that runs the reconcilers (without
 * leader election), from the controllers' own caches, so that each object is cached once for both; in the chart's
 * dashboard Deployment (no reconciler) or with leader election (a replica waiting for the lease has no controller
 * cache), from informers of its own, so that every replica serves pages. Not started when the dashboard is off.
 */
@ApplicationScoped
public class DashboardCache {
    private static final Logger LOG = Logger.getLogger(DashboardCache.class);
    private static final Duration LOOK_AGAIN = Duration.ofMillis(20);

    @Inject
    KubernetesClient client;

    @Inject
    OperatorSettings settings;

    @Inject
    Operator operator;

    private KindCache<DataEnvironment> environments;
    private KindCache<DataJob> jobs;
    private KindCache<DataPipeline> pipelines;
    private KindCache<DataRun> runs;
    private KindCache<DataTechnology> technologies;
    private KindCache<DataPromotion> promotions;
    /** Always the dashboard's own informer: the controllers' caches drop the frozen specs that a diff reads. */
    private KindCache<DataRevision> revisions;
    private final Map<String, CompletableFuture<Void>> awaitedRuns = new ConcurrentHashMap<>();

    void start(@Observes StartupEvent event) {
        if (!settings.dashboard().enabled()) {
            return;
        }
        environments = cache(DataEnvironment.class, "dataenvironment", false);
        technologies = cache(DataTechnology.class, "datatechnology", false);
        jobs = cache(DataJob.class, "datajob", true);
        pipelines = cache(DataPipeline.class, "datapipeline", true);
        runs = cache(DataRun.class, "datarun", true);
        promotions = cache(DataPromotion.class, "datapromotion", true);
        revisions = new InformerKindCache<>(client, DataRevision.class, true, this::added);
    }

    /**
     * The controller's cache when the reconcilers run here and always have their caches (no leader election, where a
     * replica waiting for the lease starts none); else an informer of the dashboard's own.
     */
    private <R extends HasMetadata> KindCache<R> cache(Class<R> type, String controller, boolean namespaced) {
        if (settings.reconcile() && !settings.leaderElection().enabled()) {
            return new ControllerKindCache<>(operator, controller);
        }
        return new InformerKindCache<>(client, type, namespaced, this::added);
    }

    private void added(HasMetadata object) {
        if (object instanceof DataRun run) {
            Optional.ofNullable(awaitedRuns.get(Cache.metaNamespaceKeyFunc(run))).ifPresent(arrived -> arrived.complete(null));
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (environments == null) {
            return; // the dashboard is off: nothing was started
        }
        for (KindCache<?> cache : List.of(environments, jobs, pipelines, runs, technologies, revisions, promotions)) {
            cache.stop();
        }
    }

    /** True once every cache has listed what exists; until then pages say they are loading. */
    public boolean synced() {
        return environments != null && environments.synced() && jobs.synced() && pipelines.synced() && runs.synced();
    }

    public List<DataEnvironment> environments() {
        List<DataEnvironment> all = new ArrayList<>(environments.all());
        all.sort(Comparator.comparing(e -> e.getMetadata().getName()));
        return all;
    }

    /** The environment that owns a namespace: the oldest claiming it, as the operator decides. */
    public Optional<DataEnvironment> environmentOf(String namespace) {
        return environments.all().stream()
                .filter(e -> namespace.equals(EnvironmentModel.namespaceOf(e)))
                .min(Comparator.comparing((DataEnvironment e) -> String.valueOf(e.getMetadata().getCreationTimestamp())));
    }

    /** The technology catalog (cluster-scoped, readable by every signed-in user), by name. */
    public List<DataTechnology> technologies() {
        List<DataTechnology> all = new ArrayList<>(technologies.all());
        all.sort(Comparator.comparing(t -> t.getMetadata().getName()));
        return all;
    }

    public List<DataJob> jobs(String namespace) {
        return jobs.inNamespace(namespace);
    }

    public List<DataPipeline> pipelines(String namespace) {
        return pipelines.inNamespace(namespace);
    }

    public List<DataRun> runs(String namespace) {
        return runs.inNamespace(namespace);
    }

    /** The promotions into the namespace's environment. */
    public List<DataPromotion> promotions(String namespace) {
        return promotions.inNamespace(namespace);
    }

    public Optional<DataPromotion> promotion(String namespace, String name) {
        return promotions.get(namespace, name);
    }

    /** The revisions of a job or pipeline ({@code kind} DataJob or DataPipeline). */
    public List<DataRevision> revisions(String namespace, String kind, String name) {
        return revisions.inNamespace(namespace).stream().filter(r -> Revisions.belongsTo(r, kind, name)).toList();
    }

    public Optional<DataJob> job(String namespace, String name) {
        return jobs.get(namespace, name);
    }

    public Optional<DataPipeline> pipeline(String namespace, String name) {
        return pipelines.get(namespace, name);
    }

    public Optional<DataRun> run(String namespace, String name) {
        return runs.get(namespace, name);
    }

    /**
     * Waits a moment for a run just created to reach the cache, so that the page the browser is sent to next shows
     * it instead of "not found". Gives up quietly: the page then says so, and a reload finds it. The dashboard's own
     * informer says when the run arrives; a controller's cache is looked at again every {@link #LOOK_AGAIN}.
     */
    public void awaitRun(String namespace, String name, Duration atMost) {
        String key = Cache.namespaceKeyFunc(namespace, name);
        // Registered before the cache is read, so that a run arriving in between still completes it.
        CompletableFuture<Void> arrived = awaitedRuns.computeIfAbsent(key, k -> new CompletableFuture<>());
        long deadline = System.nanoTime() + atMost.toNanos();
        try {
            while (run(namespace, name).isEmpty() && !arrived.isDone()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.debugf("run %s not in the dashboard cache after %s", key, atMost);
                    return;
                }
                try {
                    arrived.get(Math.min(left, LOOK_AGAIN.toNanos()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // look again
                }
            }
        } catch (ExecutionException e) {
            LOG.debugf("run %s not in the dashboard cache", key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            awaitedRuns.remove(key, arrived);
        }
    }
}
