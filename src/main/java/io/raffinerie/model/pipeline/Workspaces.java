package io.raffinerie.model.pipeline;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.raffinerie.api.v1alpha1.Workspace;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipeline's workspace in the pods of its steps: the claim mounted read-write at {@value #MOUNT_PATH} in every
 * container, and {@value #VARIABLE} naming that path. Every run of the pipeline sees the same files.
 */
public final class Workspaces {
    public static final String MOUNT_PATH = "/workspace";
    public static final String VARIABLE = "RAFFINERIE_WORKSPACE";
    static final String VOLUME = "workspace";

    private Workspaces() {
    }

    /** {@code job} with {@code workspace} mounted; {@code job} itself when the pipeline has none. */
    public static Job mounted(Job job, Workspace workspace) {
        if (workspace == null || workspace.claimName == null) {
            return job;
        }
        Job copy = new JobBuilder(job).build();
        PodSpec pod = copy.getSpec().getTemplate().getSpec();
        List<Volume> volumes = new ArrayList<>(pod.getVolumes() == null ? List.of() : pod.getVolumes());
        volumes.add(new VolumeBuilder().withName(VOLUME).withNewPersistentVolumeClaim().withClaimName(workspace.claimName)
                .endPersistentVolumeClaim().build());
        pod.setVolumes(volumes);
        for (Container container : pod.getContainers()) {
            List<VolumeMount> mounts = new ArrayList<>(container.getVolumeMounts() == null ? List.of() : container.getVolumeMounts());
            mounts.add(new VolumeMountBuilder().withName(VOLUME).withMountPath(MOUNT_PATH).build());
            container.setVolumeMounts(mounts);
            List<EnvVar> env = new ArrayList<>(container.getEnv() == null ? List.of() : container.getEnv());
            if (env.stream().noneMatch(e -> VARIABLE.equals(e.getName()))) {
                env.add(new EnvVar(VARIABLE, MOUNT_PATH, null));
            }
            container.setEnv(env);
        }
        return copy;
    }
}
