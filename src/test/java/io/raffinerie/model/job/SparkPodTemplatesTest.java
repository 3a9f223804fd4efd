package io.raffinerie.model.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.Scheduling;
import io.raffinerie.api.v1alpha1.SparkSpec;
import io.raffinerie.model.RunLabels;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 22: Spark's driver and executors start from the operator's templates, restricted and labelled like the step. */
class SparkPodTemplatesTest {
    private static DataJob pyspark() {
        DataJob job = new DataJob();
        job.getMetadata().setName("count-words");
        job.getMetadata().setNamespace("sales");
        job.setSpec(new DataJobSpec());
        job.getSpec().technology = "spark";
        job.getSpec().script = "print('hello from the driver')";
        job.getSpec().spark = new SparkSpec();
        job.getSpec().spark.executor = new SparkSpec.SparkExecutor();
        job.getSpec().spark.executor.instances = 2;
        job.getSpec().spark.executor.coreRequest = "250m";
        return job;
    }

    private static JobSpec jobSpec(DataJob job) {
        DataEnvironmentSpec environment = new DataEnvironmentSpec();
        environment.scheduling = new Scheduling();
        environment.scheduling.nodeSelector = Map.of("raffinerie.io/node", "real");
        Map<String, String> labels = JobTemplates.labels(job.getMetadata().getName());
        labels.put(RunLabels.RUN, "count-words-x7k2p");
        return JobTemplates.spec(job, ShippedCatalog.get().resolve("spark", "4.3", null), Map.of(), environment, labels);
    }

    private static Pod template(JobSpec spec, String annotation) {
        return Serialization.unmarshal(spec.getTemplate().getMetadata().getAnnotations().get(annotation), Pod.class);
    }

    private static void assertRestricted(PodSpec pod) {
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container container = pod.getContainers().get(0);
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(pod.getNodeSelector()).containsEntry("raffinerie.io/node", "real");
        assertThat(container.getCommand()).as("the image's entrypoint runs (the Spark pod policy)").isNullOrEmpty();
    }

    @Test
    void theDriverAndExecutorTemplatesPassTheRestrictedProfileAndOnlyTheDriverHasATokenAndTheScript() {
        JobSpec spec = jobSpec(pyspark());
        PodSpec driver = template(spec, SparkPodTemplates.DRIVER_ANNOTATION).getSpec();
        PodSpec executor = template(spec, SparkPodTemplates.EXECUTOR_ANNOTATION).getSpec();
        assertRestricted(driver);
        assertRestricted(executor);
        assertThat(driver.getContainers().get(0).getName()).isEqualTo("spark-kubernetes-driver");
        assertThat(driver.getAutomountServiceAccountToken()).isTrue();
        assertThat(driver.getVolumes()).filteredOn(v -> v.getConfigMap() != null).singleElement()
                .satisfies(v -> assertThat(v.getConfigMap().getName()).isEqualTo(ScriptConfigMaps.name(pyspark())));
        assertThat(executor.getContainers().get(0).getName()).isEqualTo("spark-kubernetes-executor");
        assertThat(executor.getAutomountServiceAccountToken()).isFalse();
        assertThat(executor.getServiceAccountName()).isEqualTo("raffinerie-runner");
        assertThat(executor.getVolumes()).noneMatch(v -> v.getConfigMap() != null);
    }

    @Test
    void sparkSubmitReadsTheTemplatesFromItsOwnPodAndLabelsTheSparkPodsWithTheStepAndItsJob() {
        JobSpec spec = jobSpec(pyspark());
        PodSpec pod = spec.getTemplate().getSpec();
        Container submit = pod.getContainers().get(0);
        assertThat(pod.getVolumes()).filteredOn(v -> v.getDownwardAPI() != null).singleElement().satisfies(v -> assertThat(v.getDownwardAPI().getItems())
                .extracting(i -> i.getPath() + "=" + i.getFieldRef().getFieldPath())
                .containsExactly("driver.json=metadata.annotations['raffinerie.io/spark-driver-template']",
                        "executor.json=metadata.annotations['raffinerie.io/spark-executor-template']"));
        assertThat(submit.getEnv()).filteredOn(e -> e.getName().equals("RAFFINERIE_SPARK_SUBMITTER")).singleElement()
                .satisfies(e -> assertThat(e.getValueFrom().getFieldRef().getFieldPath())
                        .isEqualTo("metadata.labels['batch.kubernetes.io/job-name']"));
        List<String> args = submit.getArgs();
        assertThat(args).contains("spark.kubernetes.driver.podTemplateFile=/opt/raffinerie/spark/driver.json",
                "spark.kubernetes.executor.podTemplateFile=/opt/raffinerie/spark/executor.json",
                "spark.kubernetes.driver.label.raffinerie.io/run=count-words-x7k2p",
                "spark.kubernetes.executor.label.raffinerie.io/run=count-words-x7k2p",
                "spark.kubernetes.executor.label.raffinerie.io/spark-submitter=$(RAFFINERIE_SPARK_SUBMITTER)",
                "spark.kubernetes.driver.label.raffinerie.io/technology=spark",
                "spark.kubernetes.executor.request.cores=250m", "spark.executor.instances=2");
        assertThat(args.get(args.size() - 1)).as("a PySpark script is the application").isEqualTo("local:///opt/raffinerie/script/main.py");
    }

    @Test
    void aJarJobNamesItsApplicationAndMountsNoScript() {
        DataJob job = pyspark();
        job.getSpec().script = null;
        job.getSpec().spark.mainApplicationFile = "local:///opt/spark/examples/jars/raffinerie-examples.jar";
        job.getSpec().spark.mainClass = "io.raffinerie.examples.SparkPi";
        job.getSpec().args = List.of("4");
        JobSpec spec = jobSpec(job);
        List<String> args = spec.getTemplate().getSpec().getContainers().get(0).getArgs();
        assertThat(args.subList(args.size() - 4, args.size())).containsExactly("--class", "io.raffinerie.examples.SparkPi",
                "local:///opt/spark/examples/jars/raffinerie-examples.jar", "4");
        assertThat(template(spec, SparkPodTemplates.DRIVER_ANNOTATION).getSpec().getVolumes())
                .noneMatch(v -> v.getConfigMap() != null);
    }

    @Test
    void aSparkJobRunsAScriptOrAnApplicationNotBoth() {
        DataJob job = pyspark();
        assertThat(JobValidation.validate(job.getSpec(), ShippedCatalog.get())).isEmpty();
        job.getSpec().spark.mainApplicationFile = "local:///opt/spark/examples/src/main/python/pi.py";
        assertThat(JobValidation.validate(job.getSpec(), ShippedCatalog.get())).hasValueSatisfying(p ->
                assertThat(p.message()).startsWith("spec.script: a spark job runs either its script"));
    }
}
