package io.raffinerie.model.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataEnvironmentSpec;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.Scheduling;
import io.raffinerie.api.v1alpha1.PodMetadata;
import io.raffinerie.api.v1alpha1.SecretKeyRef;
import io.raffinerie.api.v1alpha1.Variable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobTemplatesTest {
    private static DataJob job(DataJobSpec spec) {
        DataJob job = new DataJob();
        job.getMetadata().setName("extract");
        job.getMetadata().setNamespace("sales-dev");
        job.getMetadata().setGeneration(4L);
        job.setSpec(spec);
        return job;
    }

    private static JobSpec spec(DataJobSpec dataJob, Map<String, String> parameters, List<Variable> variables) {
        DataEnvironmentSpec environment = new DataEnvironmentSpec();
        environment.variables = variables;
        return spec(dataJob, parameters, environment);
    }

    private static JobSpec spec(DataJobSpec dataJob, Map<String, String> parameters, DataEnvironmentSpec environment) {
        DataJob job = job(dataJob);
        return JobTemplates.spec(job, ShippedCatalog.get().resolve(dataJob.technology, dataJob.version, dataJob.image),
                parameters, environment, JobTemplates.labels("extract"));
    }

    @Test
    void theEnvironmentsSchedulingPlacesEveryPodAndNoSchedulingLeavesItFree() {
        DataJobSpec dataJob = new DataJobSpec();
        dataJob.technology = "bash";
        dataJob.script = "echo hi";
        DataEnvironmentSpec environment = new DataEnvironmentSpec();
        environment.scheduling = new Scheduling();
        environment.scheduling.nodeSelector = Map.of("raffinerie.io/node", "real");
        environment.scheduling.tolerations = List.of(new io.fabric8.kubernetes.api.model.TolerationBuilder()
                .withKey("raffinerie.io/real-node").withOperator("Equal").withValue("true").withEffect("NoSchedule").build());
        environment.scheduling.priorityClassName = "data-batch";
        var pod = spec(dataJob, Map.of(), environment).getTemplate().getSpec();
        assertThat(pod.getNodeSelector()).containsExactly(Map.entry("raffinerie.io/node", "real"));
        assertThat(pod.getTolerations()).singleElement().satisfies(t -> assertThat(t.getKey()).isEqualTo("raffinerie.io/real-node"));
        assertThat(pod.getPriorityClassName()).isEqualTo("data-batch");

        var free = spec(dataJob, Map.of(), (DataEnvironmentSpec) null).getTemplate().getSpec();
        assertThat(free.getNodeSelector()).isNullOrEmpty();
        assertThat(free.getTolerations()).isNullOrEmpty();
        assertThat(free.getPriorityClassName()).isNull();
    }

    @Test
    void podPassesTheRestrictedProfile() {
        DataJobSpec spec = new DataJobSpec();
        spec.technology = "bash";
        spec.script = "echo hi";
        var pod = spec(spec, Map.of(), (DataEnvironmentSpec) null).getTemplate().getSpec();
        Container main = pod.getContainers().get(0);

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(main.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(main.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(main.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(main.getVolumeMounts()).extracting(m -> m.getMountPath()).contains("/tmp", "/opt/raffinerie/script");
        assertThat(pod.getVolumes()).filteredOn(v -> v.getConfigMap() != null).singleElement()
                .satisfies(v -> assertThat(v.getConfigMap().getName()).startsWith("extract-script-"));
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(main.getCommand()).containsExactly("bash", "/opt/raffinerie/script/main.sh");
    }

    @Test
    void retriesTimeoutAndPodMetadataBecomeJobSettings() {
        DataJobSpec spec = new DataJobSpec();
        spec.technology = "container";
        spec.image = "ghcr.io/acme/etl:1.0";
        spec.command = List.of("/etl");
        spec.retries = 3;
        spec.timeout = "1h30m";
        spec.podMetadata = new PodMetadata();
        spec.podMetadata.annotations = Map.of("raffinerie.io/sim-duration", "2s");
        spec.podMetadata.labels = Map.of("team", "sales", "raffinerie.io/job", "spoofed");
        JobSpec job = spec(spec, Map.of(), (DataEnvironmentSpec) null);

        assertThat(job.getBackoffLimit()).isEqualTo(3);
        assertThat(job.getActiveDeadlineSeconds()).isEqualTo(5400L);
        assertThat(job.getTemplate().getMetadata().getAnnotations()).containsEntry("raffinerie.io/sim-duration", "2s");
        assertThat(job.getTemplate().getMetadata().getLabels()).containsEntry("team", "sales")
                .as("the operator's labels win").containsEntry("raffinerie.io/job", "extract");
        assertThat(job.getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("ghcr.io/acme/etl:1.0");
    }

    @Test
    void parametersOverrideEnvWhichOverridesEnvironmentSecretsThatStayReferences() {
        DataJobSpec spec = new DataJobSpec();
        spec.technology = "python";
        spec.script = "print(1)";
        spec.env = List.of(Variable.plain("DAY", "from-env"), Variable.plain("MODE", "fast"));
        List<Variable> environment = List.of(Variable.plain("URL", "jdbc:x"),
                Variable.secret("PASSWORD", new SecretKeyRef("warehouse", "password")));
        var container = spec(spec, Map.of("DAY", "2026-11-28"), environment).getTemplate().getSpec().getContainers().get(0);

        assertThat(container.getEnv()).extracting(e -> e.getName() + "=" + e.getValue())
                .containsExactly("PASSWORD=null", "DAY=2026-11-28", "MODE=fast");
        assertThat(container.getEnv().get(0).getValueFrom().getSecretKeyRef().getKey()).isEqualTo("password");
        assertThat(container.getEnvFrom()).singleElement().satisfies(from -> {
            assertThat(from.getConfigMapRef().getName()).isEqualTo("raffinerie-variables");
            assertThat(from.getConfigMapRef().getOptional()).isTrue();
        });
    }
}
