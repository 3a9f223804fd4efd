package io.raffinerie.operator.job;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.raffinerie.api.v1alpha1.DataEnvironment;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.model.job.CronJobs;
import io.raffinerie.model.RunLabels;
import io.raffinerie.operator.common.Catalogs;
import io.raffinerie.operator.common.Environments;

/** The CronJob of a scheduled job; removed when the schedule is. */
@KubernetesDependent(informer = @Informer(labelSelector = RunLabels.JOB))
public class CronJobDependent extends CRUDKubernetesDependentResource<CronJob, DataJob> {
    public CronJobDependent() {
        super(CronJob.class);
    }

    @Override
    protected CronJob desired(DataJob job, Context<DataJob> context) {
        var spec = job.getSpec();
        var environment = Environments.find(context, job.getMetadata().getNamespace());
        return CronJobs.desired(job, Catalogs.of(context, environment).resolve(spec.technology, spec.version, spec.image),
                environment.map(DataEnvironment::getSpec).orElse(null));
    }
}
