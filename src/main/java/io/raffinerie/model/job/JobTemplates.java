package io.raffinerie.model.job;

import io.raffinerie.model.RunLabels;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.Scheduling;
import io.raffinerie.api.v1alpha1.Variable;
import io.raffinerie.model.Durations;
import io.raffinerie.model.LabelValues;
import io.raffinerie.model.environment.EnvironmentModel;
import io.raffinerie.model.environment.EnvironmentObjects;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The batch/v1 Job spec of one run of a DataJob: the same for a manual run, a pipeline step and a CronJob's
 * template. Pods pass the restricted Pod Security profile and run as the environment's runner, without a token.
 */
public final class JobTemplates {
    public static final String CONTAINER = "main";
    /** The variable that names the file where a job that declares results writes them (docs/results.md). */
    public static final String RESULTS_VARIABLE = "RAFFINERIE_RESULTS";
    /** That file: the container's termination message, which the kubelet copies into the pod's status. */
    public static final String RESULTS_PATH = "/dev/termination-log";
    static final long RUN_AS = 1000L;

    private JobTemplates() {
    }

    /**
     * The Job spec. {@code labels} go on the pods too; {@code parameters} are the resolved values; the secret
     * references of the environment's variables stay references, and its scheduling places the pods.
     * {@code environment} may be null (no environment found: nothing of it applies).
     */
    public static JobSpec spec(DataJob job, TechnologyCatalog.Resolution resolution, Map<String, String> parameters,
            DataEnvironmentSpec environment, Map<String, String> labels) {
        DataJobSpec spec = job.getSpec();
        Map<String, String> podLabels = new LinkedHashMap<>();
        Map<String, String> podAnnotations = new LinkedHashMap<>();
        if (spec.podMetadata != null) {
            if (spec.podMetadata.labels != null) {
                podLabels.putAll(spec.podMetadata.labels);
            }
            if (spec.podMetadata.annotations != null) {
                podAnnotations.putAll(spec.podMetadata.annotations);
            }
        }
        podLabels.putAll(labels);
        podLabels.put(RunLabels.TECHNOLOGY, spec.technology);
        JobSpecBuilder builder = new JobSpecBuilder()
                .withBackoffLimit(spec.retries == null ? 0 : spec.retries)
                .withCompletions(1)
                .withParallelism(1)
                .withTemplate(pod(job, resolution, parameters, environment, podLabels, podAnnotations));
        Durations.parse(spec.timeout).ifPresent(timeout -> builder.withActiveDeadlineSeconds(Math.max(1, timeout.toSeconds())));
        return builder.build();
    }

    private static PodTemplateSpec pod(DataJob job, TechnologyCatalog.Resolution resolution, Map<String, String> parameters,
            DataEnvironmentSpec environment, Map<String, String> labels, Map<String, String> annotations) {
        DataJobSpec spec = job.getSpec();
        List<Variable> environmentVariables = environment == null ? null : environment.variables;
        Launch launch = Launch.of(job, resolution, labels);
        ContainerBuilder container = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(resolution.image())
                .withCommand(launch.command())
                .withArgs(launch.args())
                .withEnv(env(spec, parameters, environmentVariables))
                .addNewEnvFrom().withNewConfigMapRef(EnvironmentObjects.VARIABLES_CONFIG_MAP, true).endEnvFrom()
                .withSecurityContext(restrictedContainer())
                .addToVolumeMounts(tmpMount());
        if (spec.results != null && !spec.results.isEmpty()) {
            container.withTerminationMessagePath(RESULTS_PATH).withTerminationMessagePolicy("File");
        }
        if (resolution.resources(spec.resources) != null) {
            container.withResources(resolution.resources(spec.resources));
        }
        PodSpecBuilder pod = restrictedPod()
                .withRestartPolicy("Never")
                .withServiceAccountName(launch.serviceAccount())
                .withAutomountServiceAccountToken(launch.needsApiToken());
        if (spec.script != null) {
            mountScript(job, pod, container);
        }
        if (launch.sparkTemplates()) {
            SparkPodTemplates.mount(pod, container);
            annotations.putAll(SparkPodTemplates.annotations(job, environment == null ? null : environment.scheduling));
        }
        pod.withContainers(container.build());
        schedule(pod, environment == null ? null : environment.scheduling);
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(labels).withAnnotations(annotations.isEmpty() ? null : annotations).endMetadata()
                .withSpec(pod.build())
                .build();
    }

    /** A pod that passes the restricted Pod Security profile, with an emptyDir for /tmp (see {@link #tmpMount}). */
    static PodSpecBuilder restrictedPod() {
        return new PodSpecBuilder()
                .withNewSecurityContext()
                .withRunAsNonRoot(true).withRunAsUser(RUN_AS).withRunAsGroup(RUN_AS).withFsGroup(RUN_AS)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .addToVolumes(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
    }

    /** A container of such a pod: no privilege, no capability, a read-only root. */
    static SecurityContext restrictedContainer() {
        return new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withRunAsNonRoot(true)
                .withCapabilities(new Capabilities(null, List.of("ALL")))
                .build();
    }

    /** The only writable place of a read-only root. */
    static VolumeMount tmpMount() {
        return new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build();
    }

    /** The job's script, read-only, from its ConfigMap (which is named after its content). */
    static void mountScript(DataJob job, PodSpecBuilder pod, ContainerBuilder container) {
        container.addToVolumeMounts(new VolumeMountBuilder().withName("script").withMountPath(ScriptConfigMaps.MOUNT_PATH)
                .withReadOnly(true).build());
        pod.addToVolumes(new VolumeBuilder().withName("script").withNewConfigMap().withName(ScriptConfigMaps.name(job))
                .endConfigMap().build());
    }

    static void schedule(PodSpecBuilder pod, Scheduling scheduling) {
        if (scheduling != null) {
            pod.withNodeSelector(scheduling.nodeSelector == null || scheduling.nodeSelector.isEmpty() ? null : scheduling.nodeSelector)
                    .withTolerations(scheduling.tolerations == null || scheduling.tolerations.isEmpty() ? null : scheduling.tolerations)
                    .withPriorityClassName(scheduling.priorityClassName);
        }
    }

    /** Environment variables, then the job's env, then the parameters: later ones win. */
    static List<EnvVar> env(DataJobSpec spec, Map<String, String> parameters, List<Variable> environmentVariables) {
        Map<String, EnvVar> byName = new LinkedHashMap<>();
        // Plain environment variables come from the environment's ConfigMap (envFrom); secrets are referenced here.
        for (Variable variable : environmentVariables == null ? List.<Variable>of() : environmentVariables) {
            if (variable.secretKeyRef != null) {
                byName.put(variable.name, toEnvVar(variable));
            }
        }
        for (Variable variable : spec.env == null ? List.<Variable>of() : spec.env) {
            byName.put(variable.name, toEnvVar(variable));
        }
        parameters.forEach((name, value) -> byName.put(name, new EnvVarBuilder().withName(name).withValue(value).build()));
        if (spec.results != null && !spec.results.isEmpty()) {
            byName.put(RESULTS_VARIABLE, new EnvVarBuilder().withName(RESULTS_VARIABLE).withValue(RESULTS_PATH).build());
        }
        return new ArrayList<>(byName.values());
    }

    private static EnvVar toEnvVar(Variable variable) {
        if (variable.secretKeyRef == null) {
            return new EnvVarBuilder().withName(variable.name).withValue(variable.value).build();
        }
        return new EnvVarBuilder().withName(variable.name).withNewValueFrom().withNewSecretKeyRef()
                .withName(variable.secretKeyRef.name).withKey(variable.secretKeyRef.key).endSecretKeyRef().endValueFrom().build();
    }

    /**
     * Labels every object of a run carries, so that the operator's informers select only what it manages. The job's
     * name is shortened when it is too long for a label value (see {@link LabelValues}).
     */
    public static Map<String, String> labels(String dataJob) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(RunLabels.JOB, LabelValues.of(dataJob));
        labels.put(EnvironmentModel.MANAGED_BY_LABEL, EnvironmentModel.MANAGED_BY);
        return labels;
    }
}
