package io.raffinerie.operator.technology;

import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataTechnology;
import io.raffinerie.api.v1alpha1.DataTechnologyStatus;
import io.raffinerie.model.job.TechnologyCatalog;
import io.raffinerie.model.job.TechnologyUsage;
import io.raffinerie.operator.common.Caches;
import io.raffinerie.operator.common.LeanItemStore;
import io.raffinerie.operator.common.StatusPatch;
import io.raffinerie.operator.job.SparkImagesPublisher;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keeps each DataTechnology's status (inUseBy per version, the number of jobs using it) and the Spark images the
 * Spark pod policy admits. Called on deletions too (no finalizer: deleting a technology jobs use is reported on those
 * jobs, never refused), so a Spark technology going away takes its images out of the policy's parameter.
 */
@ControllerConfiguration(name = "datatechnology", triggerReconcilerOnAllEvents = true,
        informer = @Informer(itemStore = LeanItemStore.class))
public class DataTechnologyReconciler implements Reconciler<DataTechnology> {
    private static final String JOBS_BY_TECHNOLOGY = "raffinerie-jobs-by-technology";
    private static final Duration PUBLISH_RETRY = Duration.ofSeconds(30);

    @Inject
    SparkImagesPublisher sparkImages;

    @Inject
    Clock clock;

    @Override
    public UpdateControl<DataTechnology> reconcile(DataTechnology technology, Context<DataTechnology> context) {
        // On a deletion the cache may still hold the deleted object: it is left out by name.
        boolean deleted = context.isPrimaryResourceDeleted();
        boolean published = sparkImages.publish(() -> TechnologyCatalog.of(context.getPrimaryCache().list()
                .filter(t -> !deleted || !t.getMetadata().getName().equals(technology.getMetadata().getName())).toList()).sparkImages());
        if (deleted) {
            return published ? UpdateControl.noUpdate() : UpdateControl.<DataTechnology>noUpdate().rescheduleAfter(PUBLISH_RETRY);
        }
        DataTechnologyStatus status = StatusPatch.copyOf(technology.getStatus(), DataTechnologyStatus::new);
        List<DataJob> jobs = Caches.eventSource(context, DataJob.class).byIndex(JOBS_BY_TECHNOLOGY, technology.getMetadata().getName());
        TechnologyUsage.apply(status, technology, jobs.stream().map(DataJob::getSpec).toList(), clock);
        UpdateControl<DataTechnology> update = StatusPatch.ifChanged(technology, status);
        return published ? update : update.rescheduleAfter(PUBLISH_RETRY);
    }

    @Override
    public List<EventSource<?, DataTechnology>> prepareEventSources(EventSourceContext<DataTechnology> context) {
        // A job's technology may change: every technology recounts (a catalog has a handful of entries).
        InformerEventSource<DataJob, DataTechnology> jobs = new InformerEventSource<>(InformerEventSourceConfiguration
                .from(DataJob.class, DataTechnology.class)
                .withItemStore(new LeanItemStore<>())
                .withSecondaryToPrimaryMapper(job -> context.getPrimaryCache().list().map(ResourceID::fromResource)
                        .collect(Collectors.toSet()))
                .build(), context);
        jobs.addIndexers(Map.of(JOBS_BY_TECHNOLOGY, job -> job.getSpec() == null || job.getSpec().technology == null ? List.of()
                : List.of(job.getSpec().technology)));
        // A deletion reaches the deleted technology's reconcile only if nothing else is in flight for it; the others
        // reconcile on it too, each publishing the Spark images from the catalog that remains.
        InformerEventSource<DataTechnology, DataTechnology> deletions = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(DataTechnology.class, DataTechnology.class)
                        .withName("technology-deletions")
                        .withItemStore(new LeanItemStore<>())
                        .withOnAddFilter(added -> false)
                        .withOnUpdateFilter((updated, old) -> false)
                        .withSecondaryToPrimaryMapper(deleted -> context.getPrimaryCache().list()
                                .filter(t -> !t.getMetadata().getName().equals(deleted.getMetadata().getName()))
                                .map(ResourceID::fromResource).collect(Collectors.toSet()))
                        .build(), context);
        return List.of(jobs, deletions);
    }
}
