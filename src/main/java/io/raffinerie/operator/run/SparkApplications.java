package io.raffinerie.operator.run;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.RunLabels;
import io.raffinerie.model.run.SparkSteps;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Follows the Spark applications of steps. A driver is adopted by its step's Job as soon as it shows, so that the
 * garbage collector removes it (and the executors, Service and ConfigMaps it owns) with its run. When the step ends,
 * however it ends, the driver's log tail is read and its pods are deleted: a step cancelled or timed out loses its
 * spark-submit pod only, and the application it started would run on without this.
 */
@ApplicationScoped
public class SparkApplications {
    private final KubernetesClient client;
    private final StepLogReader logs;

    public SparkApplications(KubernetesClient client, StepLogReader logs) {
        this.client = client;
        this.logs = logs;
    }

    /**
     * A running step's driver adopted by {@code job}; for a step that ended, its driver's log tail into its status, then
     * its Spark pods deleted.
     */
    void follow(Context<DataRun> context, String namespace, StepStatus step, Job job, List<Pod> stepPods) {
        if (step.job == null || step.phase == null) {
            return;
        }
        List<Pod> pods = RunEventSources.sparkPodsOf(context, namespace, step.job);
        SparkSteps.orphanDriver(pods).filter(driver -> !step.phase.isFinished() && job.getMetadata().getUid() != null)
                .ifPresent(driver -> adopt(namespace, driver, job));
        if (!SparkSteps.leftBehind(step, pods)) {
            return;
        }
        if (step.spark != null && step.spark.driverLogTail == null && step.phase != StepPhase.Cancelled) {
            SparkSteps.driver(pods).ifPresent(driver ->
                    step.spark.driverLogTail = logs.tailOfDriver(namespace, driver.getMetadata().getName(), stepPods));
        }
        client.pods().inNamespace(namespace).withLabel(RunLabels.SPARK_SUBMITTER, step.job).delete();
    }

    /** The driver owned by the Job (not as its controller: the Job controller must not count it as one of its pods). */
    private void adopt(String namespace, Pod driver, Job job) {
        OwnerReference owner = new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                .withName(job.getMetadata().getName()).withUid(job.getMetadata().getUid()).build();
        client.pods().inNamespace(namespace).withName(driver.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(
                        Map.of("metadata", Map.of("ownerReferences", List.of(owner)))));
    }

    /** For a run that has ended: the Spark pods any of its steps left (a deletion that failed, a late driver). */
    void endAll(Context<DataRun> context, String namespace, List<StepStatus> steps) {
        for (StepStatus step : steps) {
            if (step.job != null && step.phase != null
                    && SparkSteps.leftBehind(step, RunEventSources.sparkPodsOf(context, namespace, step.job))) {
                client.pods().inNamespace(namespace).withLabel(RunLabels.SPARK_SUBMITTER, step.job).delete();
            }
        }
    }
}
