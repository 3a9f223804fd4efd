package io.raffinerie.operator.run;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.StepPhase;
import io.raffinerie.api.v1alpha1.StepStatus;
import io.raffinerie.model.RunLabels;
import io.raffinerie.model.run.SparkSteps;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Ends the Spark applications of steps that ended: reads the driver's log tail, then deletes the driver and executor
 * pods (their Services and ConfigMaps are the driver's, and go with it). A step cancelled or timed out loses its
 * spark-submit pod only; the application it started would run on without this.
 */
@ApplicationScoped
public class SparkApplications {
    private final KubernetesClient client;
    private final StepLogReader logs;

    public SparkApplications(KubernetesClient client, StepLogReader logs) {
        this.client = client;
        this.logs = logs;
    }

    /** For a step that ended: its driver's log tail into its status, then its Spark pods deleted. */
    void endIfFinished(Context<DataRun> context, String namespace, StepStatus step, List<Pod> stepPods) {
        if (step.job == null || step.phase == null) {
            return;
        }
        List<Pod> pods = RunEventSources.sparkPodsOf(context, namespace, step.job);
        if (!SparkSteps.leftBehind(step, pods)) {
            return;
        }
        if (step.spark != null && step.spark.driverLogTail == null && step.phase != StepPhase.Cancelled) {
            SparkSteps.driver(pods).ifPresent(driver ->
                    step.spark.driverLogTail = logs.tailOfDriver(namespace, driver.getMetadata().getName(), stepPods));
        }
        client.pods().inNamespace(namespace).withLabel(RunLabels.SPARK_SUBMITTER, step.job).delete();
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
