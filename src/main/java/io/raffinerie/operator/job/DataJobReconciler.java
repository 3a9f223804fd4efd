package io.raffinerie.operator.job;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataJobStatus;
import io.raffinerie.model.Problem;
import io.raffinerie.model.Readiness;
import io.raffinerie.model.Reasons;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.job.JobValidation;
import io.raffinerie.model.job.TechnologyCatalog;
import io.raffinerie.operator.common.Environments;
import io.raffinerie.operator.common.StatusPatch;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Validates DataJobs and reports their readiness. */
@ControllerConfiguration(name = "datajob")
public class DataJobReconciler implements Reconciler<DataJob> {
    @Inject
    TechnologyCatalog catalog;

    @Inject
    Clock clock;

    @Override
    public UpdateControl<DataJob> reconcile(DataJob job, Context<DataJob> context) {
        String namespace = job.getMetadata().getNamespace();
        Optional<Problem> problem = EnvironmentModel.checkHost(Environments.find(context, namespace), namespace)
                .or(() -> JobValidation.validate(job.getSpec(), catalog));
        DataJobStatus status = StatusPatch.copyOf(job.getStatus(), DataJobStatus::new);
        Readiness.apply(status, problem, job.getMetadata().getGeneration(), Reasons.VALID, "the job is ready to run", clock);
        return StatusPatch.ifChanged(job, status);
    }

    @Override
    public List<EventSource<?, DataJob>> prepareEventSources(EventSourceContext<DataJob> context) {
        return List.of(Environments.eventSource(context));
    }
}
