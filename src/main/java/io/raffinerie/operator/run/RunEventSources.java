package io.raffinerie.operator.run;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.RunLabels;
import io.raffinerie.model.run.StepSignals;
import io.raffinerie.operator.common.LabelledPrimaries;
import io.raffinerie.operator.common.Caches;
import io.raffinerie.operator.common.LeanItemStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Jobs and pods of runs, selected by the raffinerie.io/job label so that the operator caches only its own.
 * A Job or pod event reconciles its run at once: step transitions never wait for a timer. Updates that cannot change
 * a step ({@link StepSignals}) reconcile nothing.
 */
final class RunEventSources {
    static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
    private static final String BY_JOB = "raffinerie-pods-by-job";
    private static final String BY_SUBMITTER = "raffinerie-spark-pods-by-job";

    private RunEventSources() {
    }

    /** Jobs of runs; the runs must be indexed by {@link LabelledPrimaries#index}. */
    static InformerEventSource<Job, DataRun> jobs(EventSourceContext<DataRun> context) {
        return new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, DataRun.class)
                .withName("run-jobs") // the readiness probe names an event source that does not watch
                .withItemStore(new LeanItemStore<>())
                .withLabelSelector(RunLabels.JOB)
                .withOnUpdateFilter(StepSignals::jobChanged)
                .withSecondaryToPrimaryMapper(job -> runOf(context, job, job.getMetadata().getName()))
                .build(), context);
    }

    static InformerEventSource<Pod, DataRun> pods(EventSourceContext<DataRun> context) {
        InformerEventSource<Pod, DataRun> pods = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(Pod.class, DataRun.class)
                .withName("run-pods")
                .withItemStore(new LeanItemStore<>())
                .withLabelSelector(RunLabels.JOB)
                .withOnUpdateFilter(StepSignals::podChanged)
                .withSecondaryToPrimaryMapper(pod -> runOf(context, pod, label(pod, JOB_NAME_LABEL) != null
                        ? label(pod, JOB_NAME_LABEL) : label(pod, RunLabels.SPARK_SUBMITTER)))
                .build(), context);
        pods.addIndexers(Map.of(BY_JOB, pod -> List.of(pod.getMetadata().getNamespace() + "/" + label(pod, JOB_NAME_LABEL)),
                BY_SUBMITTER, pod -> label(pod, RunLabels.SPARK_SUBMITTER) == null ? List.of()
                        : List.of(pod.getMetadata().getNamespace() + "/" + label(pod, RunLabels.SPARK_SUBMITTER))));
        return pods;
    }

    /** A run's Job from the cache. */
    static Optional<Job> job(Context<DataRun> context, String namespace, String name) {
        return Caches.eventSource(context, Job.class).get(new ResourceID(name, namespace));
    }

    /**
     * A step's Job from the cache; when the Job is known to exist but the cache does not have it (yet), the API server
     * is asked before the Job is taken for lost.
     */
    static Optional<Job> jobOrConfirm(Context<DataRun> context, KubernetesClient client, String namespace, String name,
            boolean known) {
        Optional<Job> cached = job(context, namespace, name);
        if (cached.isPresent() || !known) {
            return cached;
        }
        return Optional.ofNullable(client.batch().v1().jobs().inNamespace(namespace).withName(name).get());
    }

    /** Whether a step's status says its Job was created and had not finished. */
    static boolean created(StepStatus previous) {
        return previous != null && previous.job != null && !previous.phase.isFinished();
    }

    /** The pods of a Job from the cache. */
    static List<Pod> podsOf(Context<DataRun> context, String namespace, String job) {
        return Caches.eventSource(context, Pod.class).byIndex(BY_JOB, namespace + "/" + job);
    }

    /** The driver and executor pods that the spark-submit of a Job made, from the cache. */
    static List<Pod> sparkPodsOf(Context<DataRun> context, String namespace, String job) {
        return Caches.eventSource(context, Pod.class).byIndex(BY_SUBMITTER, namespace + "/" + job);
    }

    /**
     * The operator's Jobs and their pods name their run in a label (shortened when the run's name is long); a Job a
     * CronJob started has the run's name itself (at most 63 characters, so it is its own label value).
     */
    private static Set<ResourceID> runOf(EventSourceContext<DataRun> context, HasMetadata resource, String fallback) {
        String run = label(resource, RunLabels.RUN);
        return LabelledPrimaries.named(context, resource.getMetadata().getNamespace(), run != null ? run : fallback);
    }

    private static String label(HasMetadata resource, String key) {
        return resource.getMetadata().getLabels() == null ? null : resource.getMetadata().getLabels().get(key);
    }
}
