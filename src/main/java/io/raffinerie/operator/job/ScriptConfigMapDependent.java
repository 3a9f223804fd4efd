package io.raffinerie.operator.job;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.model.RunLabels;
import io.raffinerie.model.job.ScriptConfigMaps;

/** The job's inline script, in an immutable ConfigMap named after its content. */
@KubernetesDependent(informer = @Informer(labelSelector = RunLabels.JOB))
public class ScriptConfigMapDependent extends CRUDKubernetesDependentResource<ConfigMap, DataJob> {
    public ScriptConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    protected ConfigMap desired(DataJob job, Context<DataJob> context) {
        return ScriptConfigMaps.desired(job);
    }
}
