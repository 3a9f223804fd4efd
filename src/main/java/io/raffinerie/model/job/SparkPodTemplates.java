package io.raffinerie.model.job;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.Scheduling;
import io.raffinerie.model.environment.EnvironmentObjects;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pod templates spark-submit starts a Spark job's driver and executors from, so that they pass the restricted Pod
 * Security profile (Spark sets no security context of its own), run where the environment's pods run, and the driver
 * has the job's PySpark script. They travel in annotations of the Job's pod, which a downward API volume turns into
 * the files spark-submit reads: nothing else to create, keep in step or clean up.
 */
public final class SparkPodTemplates {
    /** The containers of Spark's pods, named as Spark names them without a template. */
    public static final String DRIVER_CONTAINER = "spark-kubernetes-driver";
    public static final String EXECUTOR_CONTAINER = "spark-kubernetes-executor";
    static final String SUBMITTER_VARIABLE = "RAFFINERIE_SPARK_SUBMITTER";
    static final String MOUNT_PATH = "/opt/raffinerie/spark";
    static final String DRIVER_ANNOTATION = "raffinerie.io/spark-driver-template";
    static final String EXECUTOR_ANNOTATION = "raffinerie.io/spark-executor-template";
    private static final String VOLUME = "spark-templates";
    private static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private SparkPodTemplates() {
    }

    /** spark-submit's settings that point at the templates and name their containers. */
    static Map<String, String> conf() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.kubernetes.driver.podTemplateFile", MOUNT_PATH + "/driver.json");
        conf.put("spark.kubernetes.executor.podTemplateFile", MOUNT_PATH + "/executor.json");
        conf.put("spark.kubernetes.driver.podTemplateContainerName", DRIVER_CONTAINER);
        conf.put("spark.kubernetes.executor.podTemplateContainerName", EXECUTOR_CONTAINER);
        return conf;
    }

    /** The templates, as annotations of the Job's pod. */
    static Map<String, String> annotations(DataJob job, Scheduling scheduling) {
        return Map.of(DRIVER_ANNOTATION, json(driver(job, scheduling)), EXECUTOR_ANNOTATION, json(executor(scheduling)));
    }

    private static String json(Pod pod) {
        try {
            return JSON.writeValueAsString(pod);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a pod template could not be written", e); // a plain Pod always can
        }
    }

    /**
     * Gives spark-submit's container the templates as files, and the name of its Job (the pods' submitter label), which
     * a CronJob's Job learns only when it is made.
     */
    static void mount(PodSpecBuilder pod, ContainerBuilder container) {
        pod.addToVolumes(new VolumeBuilder().withName(VOLUME).withNewDownwardAPI()
                .addNewItem().withPath("driver.json").withNewFieldRef().withFieldPath(annotation(DRIVER_ANNOTATION)).endFieldRef().endItem()
                .addNewItem().withPath("executor.json").withNewFieldRef().withFieldPath(annotation(EXECUTOR_ANNOTATION)).endFieldRef().endItem()
                .endDownwardAPI().build());
        container.addToVolumeMounts(new VolumeMountBuilder().withName(VOLUME).withMountPath(MOUNT_PATH).withReadOnly(true).build());
        container.addToEnv(new EnvVarBuilder().withName(SUBMITTER_VARIABLE).withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.labels['" + JOB_NAME_LABEL + "']").endFieldRef().endValueFrom().build());
    }

    /** The driver: restricted, with the API token it starts executors with, and the job's script when it has one. */
    static Pod driver(DataJob job, Scheduling scheduling) {
        ContainerBuilder container = container(DRIVER_CONTAINER);
        PodSpecBuilder pod = JobTemplates.restrictedPod().withAutomountServiceAccountToken(true);
        if (job.getSpec().script != null) {
            JobTemplates.mountScript(job, pod, container);
        }
        return pod(pod, container, scheduling);
    }

    /** An executor: restricted, as the environment's runner, without a token (it talks to the driver only). */
    static Pod executor(Scheduling scheduling) {
        PodSpecBuilder pod = JobTemplates.restrictedPod().withServiceAccountName(EnvironmentObjects.RUNNER_SERVICE_ACCOUNT)
                .withAutomountServiceAccountToken(false);
        return pod(pod, container(EXECUTOR_CONTAINER), scheduling);
    }

    private static ContainerBuilder container(String name) {
        return new ContainerBuilder().withName(name).withSecurityContext(JobTemplates.restrictedContainer())
                .addToVolumeMounts(JobTemplates.tmpMount());
    }

    private static Pod pod(PodSpecBuilder pod, ContainerBuilder container, Scheduling scheduling) {
        pod.withContainers(container.build());
        JobTemplates.schedule(pod, scheduling);
        return new PodBuilder().withApiVersion("v1").withKind("Pod").withSpec(pod.build()).build();
    }

    private static String annotation(String name) {
        return "metadata.annotations['" + name + "']";
    }
}
