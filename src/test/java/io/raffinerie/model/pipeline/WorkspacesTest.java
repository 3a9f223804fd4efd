package io.raffinerie.model.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.raffinerie.api.v1alpha1.DataJob;
import io.raffinerie.api.v1alpha1.DataJobSpec;
import io.raffinerie.api.v1alpha1.DataRun;
import io.raffinerie.api.v1alpha1.Workspace;
import io.raffinerie.model.job.ShippedCatalog;
import io.raffinerie.model.run.JobRuns;
import org.assertj.core.groups.Tuple;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkspacesTest {
    private static Job stepJob() {
        DataJob job = new DataJob();
        job.getMetadata().setName("extract");
        job.getMetadata().setNamespace("sales-dev");
        job.getMetadata().setGeneration(1L);
        job.setSpec(new DataJobSpec());
        job.getSpec().technology = "python";
        job.getSpec().script = "print('hi')";
        DataRun run = new DataRun();
        run.getMetadata().setName("daily-sales-first");
        run.getMetadata().setNamespace("sales-dev");
        return JobRuns.desired(run, "extract", job, ShippedCatalog.get().resolve("python", null, null),
                Map.of("DAY", "2026-11-28"), null);
    }

    private static Workspace claim(String name) {
        Workspace workspace = new Workspace();
        workspace.claimName = name;
        return workspace;
    }

    @Test
    void everyStepMountsTheClaimAtWorkspaceAndIsToldWhere() {
        Job job = stepJob();
        Job mounted = Workspaces.mounted(job, claim("daily-sales-data"));

        var pod = mounted.getSpec().getTemplate().getSpec();
        assertThat(pod.getVolumes()).filteredOn(v -> v.getPersistentVolumeClaim() != null).singleElement().satisfies(v -> {
            assertThat(v.getPersistentVolumeClaim().getClaimName()).isEqualTo("daily-sales-data");
            assertThat(v.getPersistentVolumeClaim().getReadOnly()).isNull();
        });
        Container main = pod.getContainers().get(0);
        assertThat(main.getVolumeMounts()).extracting(VolumeMount::getMountPath).containsExactly("/tmp", "/opt/raffinerie/script", "/workspace");
        assertThat(main.getVolumeMounts()).filteredOn(m -> m.getMountPath().equals("/workspace")).singleElement()
                .satisfies(m -> assertThat(m.getReadOnly()).isNull());
        assertThat(main.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .contains(Tuple.tuple("DAY", "2026-11-28"), Tuple.tuple("RAFFINERIE_WORKSPACE", "/workspace"));
        assertThat(pod.getSecurityContext().getRunAsUser()).as("the pod stays restricted").isEqualTo(1000L);
        assertThat(job.getSpec().getTemplate().getSpec().getVolumes()).as("the Job given is left as it was")
                .noneMatch(v -> v.getPersistentVolumeClaim() != null);
    }

    @Test
    void withoutAWorkspaceTheJobIsUnchanged() {
        Job job = stepJob();
        assertThat(Workspaces.mounted(job, null)).isSameAs(job);
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .noneMatch(e -> e.getName().equals(Workspaces.VARIABLE));
    }
}
