package io.raffinerie.model.job;

import io.raffinerie.model.RunLabels;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.SparkSpec;
import io.raffinerie.model.LabelValues;
import io.raffinerie.model.environment.EnvironmentObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a job's container starts: its command and arguments, the identity it runs as, and whether it is spark-submit,
 * which is given the pod templates of its driver and executors ({@link SparkPodTemplates}).
 */
record Launch(List<String> command, List<String> args, String serviceAccount, boolean needsApiToken, boolean sparkTemplates) {
    static final String SPARK_SUBMIT = "/opt/spark/bin/spark-submit";
    static final String SPARK_MASTER = "k8s://https://kubernetes.default.svc:443";

    static Launch of(DataJob job, TechnologyCatalog.Resolution resolution) {
        return of(job, resolution, Map.of());
    }

    /** {@code labels}: the labels of the Job's pods, which a Spark job's driver and executors carry too. */
    static Launch of(DataJob job, TechnologyCatalog.Resolution resolution, Map<String, String> labels) {
        DataJobSpec spec = job.getSpec();
        List<String> command = spec.command == null ? List.of() : spec.command;
        List<String> args = spec.args == null ? List.of() : spec.args;
        return switch (resolution.technology().launch()) {
            case SCRIPT -> spec.script == null ? runner(command, args)
                    : runner(script(resolution.technology().interpreter(), spec.technology), args);
            case COMMAND -> runner(command.isEmpty() ? List.of("java") : command, args);
            case SPARK_SUBMIT -> new Launch(List.of(SPARK_SUBMIT), sparkSubmitArgs(job, resolution.image(), labels),
                    EnvironmentObjects.SPARK_SERVICE_ACCOUNT, true, true);
            case IMAGE -> runner(command, args);
        };
    }

    private static Launch runner(List<String> command, List<String> args) {
        return new Launch(command, args, EnvironmentObjects.RUNNER_SERVICE_ACCOUNT, false, false);
    }

    /** The catalog's interpreter, then the mounted script. */
    private static List<String> script(List<String> interpreter, String technology) {
        List<String> command = new ArrayList<>(interpreter);
        command.add(ScriptConfigMaps.MOUNT_PATH + "/" + ScriptConfigMaps.fileName(technology));
        return command;
    }

    static List<String> sparkSubmitArgs(DataJob job, String image) {
        return sparkSubmitArgs(job, image, Map.of());
    }

    /**
     * spark-submit in cluster mode: the driver runs as a pod and starts its executors through the Kubernetes API. Both
     * start from the operator's pod templates, carry the Job's pod labels and name the Job that submitted them.
     */
    static List<String> sparkSubmitArgs(DataJob job, String image, Map<String, String> labels) {
        SparkSpec spark = job.getSpec().spark == null ? new SparkSpec() : job.getSpec().spark;
        Map<String, String> conf = new TreeMap<>();
        if (spark.sparkConf != null) {
            // First, so that the operator's own settings below always win (validation refuses them anyway).
            spark.sparkConf.forEach((key, value) -> {
                if (!isOperatorKey(key)) {
                    conf.put(key, value);
                }
            });
        }
        conf.put("spark.kubernetes.namespace", job.getMetadata().getNamespace());
        conf.put("spark.kubernetes.authenticate.driver.serviceAccountName", EnvironmentObjects.SPARK_SERVICE_ACCOUNT);
        conf.put("spark.kubernetes.container.image", image);
        conf.put("spark.kubernetes.authenticate.executor.serviceAccountName", EnvironmentObjects.RUNNER_SERVICE_ACCOUNT);
        Map<String, String> podLabels = new TreeMap<>(labels);
        podLabels.put(RunLabels.TECHNOLOGY, "spark");
        podLabels.put(RunLabels.JOB, LabelValues.of(job.getMetadata().getName()));
        podLabels.put(RunLabels.SPARK_SUBMITTER, "$(" + SparkPodTemplates.SUBMITTER_VARIABLE + ")");
        for (String role : List.of("driver", "executor")) {
            podLabels.forEach((key, value) -> conf.put("spark.kubernetes." + role + ".label." + key, value));
        }
        conf.putAll(SparkPodTemplates.conf());
        sizes(conf, "driver", spark.driver);
        sizes(conf, "executor", spark.executor);
        if (spark.executor != null) {
            putIfSet(conf, "spark.executor.instances", spark.executor.instances);
        }
        List<String> args = new ArrayList<>(List.of("--master", SPARK_MASTER, "--deploy-mode", "cluster",
                "--name", job.getMetadata().getName()));
        conf.forEach((key, value) -> {
            args.add("--conf");
            args.add(key + "=" + value);
        });
        if (spark.mainClass != null) {
            args.add("--class");
            args.add(spark.mainClass);
        }
        if (spark.mainApplicationFile != null) {
            args.add(spark.mainApplicationFile);
        } else if (job.getSpec().script != null) {
            args.add("local://" + ScriptConfigMaps.MOUNT_PATH + "/" + ScriptConfigMaps.fileName(job.getSpec().technology));
        }
        if (job.getSpec().args != null) {
            args.addAll(job.getSpec().args);
        }
        return args;
    }

    /** A spark-submit setting only the operator sets: see Patterns.SPARK_OWN_KEY, the same rule at admission. */
    static boolean isOperatorKey(String key) {
        return key.startsWith("spark.kubernetes.") || key.equals("spark.master") || key.equals("spark.submit.deployMode");
    }

    /** The size of the driver or of each executor: cores, memory and the pod's CPU request and limit. */
    private static void sizes(Map<String, String> conf, String role, SparkSpec.SparkPod pod) {
        if (pod != null) {
            putIfSet(conf, "spark." + role + ".cores", pod.cores);
            putIfSet(conf, "spark." + role + ".memory", pod.memory);
            putIfSet(conf, "spark.kubernetes." + role + ".request.cores", pod.coreRequest);
            putIfSet(conf, "spark.kubernetes." + role + ".limit.cores", pod.coreLimit);
        }
    }

    private static void putIfSet(Map<String, String> conf, String key, Object value) {
        if (value != null) {
            conf.put(key, value.toString());
        }
    }
}
